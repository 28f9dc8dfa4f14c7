using System.Net;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Identity;

/// <summary>
/// Acceptance 5: hostile and malformed input on every auth endpoint gives a 4xx problem — never a 5xx, a stack trace
/// or SQL — and never queues an email. Limits are raised so validation, not the rate limiter, answers.
/// </summary>
public sealed class AuthInputSweepTests(AuthInputSweepTests.Factory app) : IClassFixture<AuthInputSweepTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite)
        {
            foreach (var limit in new[] { "OtpPerEmail", "OtpPerIp", "OtpPerEmailAndIp", "VerifyPerEmail", "VerifyPerEmailAndIp", "VerifyPerIp" })
                With($"RateLimits:{limit}:PermitLimit", "100000");
        }
    }

    private readonly HttpClient _client = app.CreateClient();

    private static readonly string[] BadEmails =
    [
        "", "   ", "not-an-email", "a@b", "@example.com", "a@@example.com", "a@.example.com", "a@example..com",
        new string('a', 10_000) + "@example.com",
        "a@" + new string('b', 300) + ".com",
        "jöhn@exämple.com", "😀@example.com", "\u202Eadmin@example.com", "admin@exa\u200Bmple.com",
        "victim@example.com\r\nBcc: evil@example.com", "victim@example.com\nBcc:evil@example.com",
        "victim@example.com\r\n\r\nInjected body", "victim@example.com,evil@example.com", "victim@example.com;evil@example.com",
        "Victim <victim@example.com>", "\"quoted\"@example.com", "a\u0000@example.com", "a b@example.com",
    ];

    private static readonly string[] MalformedOtpBodies =
    [
        "", "{", "[]", "null", "\"a@b.com\"", "{}", "{\"email\":null}", "{\"email\":5}", "{\"email\":[\"a@b.com\"]}",
        "{\"email\":{\"x\":1}}", "{\"email\":true}", "email=a@b.com", Nested(200), "{\"email\":\"a@b.com\"" ,
    ];

    private static readonly string[] BadCodes =
    [
        "", " ", "12345", "1234567", "12345a", "１２３４５６", "١٢٣٤٥٦", "123 456", "-12345", "+12345", "1e5000",
        new string('1', 10_000), "123456\r\nX-Injected: 1", "000000\u0000",
    ];

    [Fact]
    public async Task RequestOtp_WithBadEmails_Gives422NamingEmail_AndQueuesNoMail()
    {
        var failures = new List<string>();
        foreach (var email in BadEmails)
            await Check(failures, $"email {Show(email)}", () => PostJsonAsync("/api/v1/auth/otp", Json(("email", email))), HttpStatusCode.UnprocessableEntity, "email");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await QueuedMailAsync());
    }

    [Fact]
    public async Task RequestOtp_WithMalformedBodies_Gives4xxProblem_AndQueuesNoMail()
    {
        var failures = new List<string>();
        foreach (var body in MalformedOtpBodies)
            await Check(failures, $"body {Show(body)}", () => PostRawAsync("/api/v1/auth/otp", body, "application/json"), null, null);
        await Check(failures, "text/plain body", () => PostRawAsync("/api/v1/auth/otp", "{\"email\":\"a@example.com\"}", "text/plain"), null, null);
        await Check(failures, "no content type", () => _client.PostAsync("/api/v1/auth/otp", new ByteArrayContent(Encoding.UTF8.GetBytes("{\"email\":\"a@example.com\"}"))), null, null);
        await Check(failures, "70 KB body", () => PostRawAsync("/api/v1/auth/otp", Json(("email", "a@example.com"), ("pad", new string('x', 70 * 1024))), "application/json"), HttpStatusCode.RequestEntityTooLarge, null);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(0, await QueuedMailAsync());
    }

    [Fact]
    public async Task VerifyOtp_WithBadInput_Gives4xxProblemNamingTheField()
    {
        var failures = new List<string>();
        foreach (var email in BadEmails)
            await Check(failures, $"email {Show(email)}", () => PostJsonAsync("/api/v1/auth/otp/verify", Json(("email", email), ("code", "123456"))), HttpStatusCode.UnprocessableEntity, "email");
        foreach (var code in BadCodes)
            await Check(failures, $"code {Show(code)}", () => PostJsonAsync("/api/v1/auth/otp/verify", Json(("email", "sweep@example.com"), ("code", code))), HttpStatusCode.UnprocessableEntity, "code");
        await Check(failures, "missing fields", () => PostRawAsync("/api/v1/auth/otp/verify", "{}", "application/json"), HttpStatusCode.UnprocessableEntity, "code");
        await Check(failures, "numeric code", () => PostRawAsync("/api/v1/auth/otp/verify", "{\"email\":\"a@example.com\",\"code\":123456}", "application/json"), HttpStatusCode.BadRequest, "code");
        await Check(failures, "deep nesting", () => PostRawAsync("/api/v1/auth/otp/verify", Nested(200), "application/json"), HttpStatusCode.BadRequest, null);
        await Check(failures, "70 KB body", () => PostRawAsync("/api/v1/auth/otp/verify", Json(("email", "a@example.com"), ("code", new string('1', 70 * 1024))), "application/json"), HttpStatusCode.RequestEntityTooLarge, null);
        foreach (var body in MalformedOtpBodies)
            await Check(failures, $"body {Show(body)}", () => PostRawAsync("/api/v1/auth/otp/verify", body, "application/json"), null, null);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task SessionEndpoints_WithBadAuthorizationHeaders_Give401Problem()
    {
        string[] headers =
        [
            "Bearer", "Bearer ", "Bearer  ", "Basic dXNlcjpwYXNz", "Bearer a b", "Bearer " + new string('A', 6000),
            "Bearer ' OR 1=1 --", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%", "Token AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ];
        var failures = new List<string>();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        foreach (var header in headers)
            await Check(failures, $"{method} {Show(header)}", () =>
            {
                var request = new HttpRequestMessage(method, "/api/v1/auth/session");
                request.Headers.TryAddWithoutValidation("Authorization", header);
                return _client.SendAsync(request);
            }, HttpStatusCode.Unauthorized, null);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task Check(List<string> failures, string label, Func<Task<HttpResponseMessage>> send, HttpStatusCode? expected, string? field)
    {
        var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500 || (expected is not null && response.StatusCode != expected))
            failures.Add($"{label}: {status} {Trim(body)}");
        else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            failures.Add($"{label}: not a problem ({response.Content.Headers.ContentType}) {Trim(body)}");
        else if (field is not null && !body.Contains($"\"{field}\"", StringComparison.Ordinal))
            failures.Add($"{label}: errors do not name {field}: {Trim(body)}");
        else if (new[] { "   at ", "Exception", "SELECT", "INSERT", "Microsoft.", "System.", "sqlite", "MySql" }.FirstOrDefault(s => body.Contains(s, StringComparison.OrdinalIgnoreCase)) is { } leak)
            failures.Add($"{label}: body leaks internals ({leak}): {Trim(body)}");
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) => PostRawAsync(path, json, "application/json");

    private Task<HttpResponseMessage> PostRawAsync(string path, string body, string contentType) =>
        _client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    private static string Json(params (string Name, string Value)[] fields) =>
        System.Text.Json.JsonSerializer.Serialize(fields.ToDictionary(f => f.Name, f => f.Value));

    private static string Nested(int depth) => "{\"email\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}";

    private static string Show(string value) => value.Length > 40 ? System.Text.Json.JsonSerializer.Serialize(value[..40]) + $"…({value.Length})" : System.Text.Json.JsonSerializer.Serialize(value);

    private static string Trim(string body) => body.Length > 300 ? body[..300] + "…" : body;

    private async Task<int> QueuedMailAsync()
    {
        var count = -1;
        await app.WithDbAsync(async db => count = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM email_outbox").SingleAsync());
        return count;
    }
}
