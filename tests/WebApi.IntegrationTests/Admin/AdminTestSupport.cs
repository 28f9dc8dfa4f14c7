using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>Two configured admin keys (only their hashes go into configuration, as in production).</summary>
public static class AdminTestKeys
{
    public const string Key = "test-admin-key-5f0c2d9e8b7a41c6";
    public const string KeyId = "test-ops";
    public const string SecondKey = "second-admin-key-93ab17c2e4d05f68";
    public const string SecondKeyId = "test-ops-2";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static AppFactory WithAdminKeys(this AppFactory factory) => factory
        .With("Admin:ApiKeys:0:Id", KeyId).With("Admin:ApiKeys:0:KeyHash", Hash(Key))
        .With("Admin:ApiKeys:1:Id", SecondKeyId).With("Admin:ApiKeys:1:KeyHash", Hash(SecondKey).ToUpperInvariant());

    public static HttpClient CreateAdminClient(this AppFactory factory, string key = Key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", key);
        return client;
    }
}

public sealed class AdminSqliteAppFactory : AppFactory
{
    public AdminSqliteAppFactory() : base(DatabaseKind.Sqlite) => this.WithAdminKeys();
}

public sealed class AdminMariaDbAppFactory : AppFactory
{
    public AdminMariaDbAppFactory() : base(DatabaseKind.MariaDb) => this.WithAdminKeys();
}

public static class AdminHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException($"No ETag on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<int> ServiceIdAsync(this HttpClient client, string name)
    {
        var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        return services!.Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    /// <summary>A new employee (unique name) offering the given services, working Mon–Fri 09:00–17:00 with a 12–13 break.</summary>
    public static async Task<(int Id, string ETag)> CreateWorkingEmployeeAsync(this HttpClient admin, params int[] serviceIds)
    {
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/employees",
            new { name = "Emp " + Guid.NewGuid().ToString("N")[..8], serviceIds });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var days = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .Select(d => new { day = d, opens = "09:00", closes = "17:00", breaks = new[] { new { start = "12:00", end = "13:00" } } });
        var hours = await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/hours", new { days }, created.ETag());
        await hours.JsonAsync();
        return (id, hours.ETag());
    }
}

/// <summary>Writes appointments straight into the database (as the booking flow would have), for search and export tests.</summary>
public static class AppointmentSeeder
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static int _counter = Random.Shared.Next(0, 500_000);

    public static DateTime BerlinToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Berlin);

    public static Appointment New(int serviceId, int employeeId, DateTime startUtc, int minutes, string name = "Test Customer",
        string email = "customer@example.com", string? notes = null, string? phone = null)
    {
        var n = Interlocked.Increment(ref _counter);
        // Year 9xxx keeps these references apart from real ones; the counter keeps them unique within a database.
        var reference = $"APT-{9000 + n / 1_000_000 % 1000:D4}-{n % 1_000_000:D6}";
        return new Appointment(reference, serviceId, employeeId, startUtc, startUtc.AddMinutes(minutes), name, EmailAddress.Parse(email),
            phone, notes, new string('0', 64), DateTime.UtcNow);
    }
}
