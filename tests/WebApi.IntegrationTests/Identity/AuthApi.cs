using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Identity;

/// <summary>The sign-in steps as a customer's browser performs them.</summary>
public static class AuthApi
{
    public static string NewEmail(string purpose) => $"{purpose}-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> RequestCodeAsync(this HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/v1/auth/otp", new { email });

    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient client, string email, string code) =>
        client.PostAsJsonAsync("/api/v1/auth/otp/verify", new { email, code });

    /// <summary>Requests a code, reads it from the SMTP sink and exchanges it; returns the bearer token.</summary>
    public static async Task<string> SignInAsync(this HttpClient client, string email)
    {
        var previous = SmtpSink.MessagesTo(email).Count;
        var requested = await client.RequestCodeAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var code = await SmtpSink.WaitForOtpCodeAsync(email, previous + 1);
        var verified = await client.VerifyAsync(email, code);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    public static Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient client, HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
