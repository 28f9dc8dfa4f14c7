using System.Net;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts a 4xx application/problem+json response and, when given, that its errors name the field.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, json.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(json.TryGetProperty("errors", out var errors), $"No errors map in {body}");
            Assert.True(errors.TryGetProperty(field, out _), $"errors does not name '{field}': {body}");
        }
        return json;
    }
}
