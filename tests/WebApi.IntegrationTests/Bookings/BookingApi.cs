using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>Small helpers over the HTTP contract so tests read as the scenario they check.</summary>
public sealed class BookingApi(AppFactory app, HttpClient client)
{
    public HttpClient Client => client;

    /// <summary>Demo catalogue ids by name: Haircut 30 min, Consultation 60 min, Colouring 90 min + 15 after.</summary>
    public async Task<int> ServiceIdAsync(string name)
    {
        var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        return services!.Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    /// <summary>Alex Morgan offers every demo service.</summary>
    public async Task<int> EmployeeIdAsync(string name = "Alex Morgan")
    {
        var employees = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees");
        return employees!.Single(e => e.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    public static object Body(int serviceId, int employeeId, DateOnly date, string time, string? lockToken = null,
        string name = "Ada Lovelace", string email = "ada@example.com", string? phone = null, string? notes = null) =>
        new { serviceId, employeeId, date = date.Text(), time, lockToken, customer = new { name, email, phone }, notes };

    public Task<HttpResponseMessage> ConfirmAsync(object body, string? idempotencyKey = null, string header = "Idempotency-Key")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add(header, idempotencyKey);
        return client.SendAsync(request);
    }

    public async Task<JsonElement> ConfirmOkAsync(object body)
    {
        var response = await ConfirmAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Expected 201 but got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? manageToken = null,
        string? customer = null, bool admin = false)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (manageToken is not null) request.Headers.Add("X-Manage-Token", manageToken);
        if (customer is not null) request.Headers.Add(TestAuth.CustomerHeader, customer);
        if (admin) request.Headers.Add(TestAuth.AdminHeader, "1");
        return client.SendAsync(request);
    }

    public async Task<string> SlotStatusAsync(DateOnly date, int employeeId, int serviceId, string time)
    {
        var day = await client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}");
        return day.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time).GetProperty("status").GetString()!;
    }

    /// <summary>Takes a checkout lock the way the slot endpoints do (through the app's own store).</summary>
    public async Task<LockToken> LockAsync(DateOnly date, int employeeId, string time, string clientId)
    {
        var store = app.Services.GetRequiredService<ISlotStateStore>();
        var outcome = await store.LockAsync(new SlotKey(date, employeeId, TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)),
            ClientId.Parse(clientId), TimeSpan.FromMinutes(5), CancellationToken.None);
        Assert.True(outcome.Acquired, "test could not take the lock");
        return outcome.Token!.Value;
    }
}
