using System.Net;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>
    /// Asserts an application/problem+json response with the request's trace id (32 hex digits, what the request's
    /// log lines carry as TraceId) and, when given, that its errors name the field.
    /// </summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, json.GetProperty("status").GetInt32());
        Assert.True(json.TryGetProperty("traceId", out var traceId) && IsTraceId(traceId.GetString()), $"No W3C traceId in {body}");
        if (field is not null)
        {
            Assert.True(json.TryGetProperty("errors", out var errors), $"No errors map in {body}");
            Assert.True(errors.TryGetProperty(field, out _), $"errors does not name '{field}': {body}");
        }
        return json;
    }

    public static bool IsTraceId(string? value) =>
        value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower) && value != new string('0', 32);
}
