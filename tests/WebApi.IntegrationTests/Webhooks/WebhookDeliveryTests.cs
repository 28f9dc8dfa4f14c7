using System.Net;
using System.Text.Json;
using AppointEase.Domain.Webhooks;
using AppointEase.Infrastructure.Webhooks;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Webhooks;

/// <summary>
/// Issue 22, acceptance 1: booking changes reach a real HTTP receiver as signed Standard Webhooks, exactly once each,
/// through the outbox and the Hangfire job; failures are retried with the same webhook-id and logged per attempt.
/// Loopback is allowed here (Webhooks:AllowPrivateTargets) because the receiver runs on this machine.
/// </summary>
public abstract class WebhookDeliveryTests(AppFactory app) : IAsyncLifetime
{
    private readonly BookingApi _api = new(app, app.CreateClient());
    private readonly HttpClient _admin = app.CreateAdminClient();
    private WebhookReceiver _receiver = null!;
    private int _endpointId;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    /// <summary>The factory is shared by the class's tests: remove this test's endpoint so the next test's bookings do not reach it.</summary>
    public async Task DisposeAsync()
    {
        if (_endpointId > 0) await _admin.DeleteAsync($"/api/v1/admin/webhooks/{_endpointId}");
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task BookRescheduleCancel_EachDeliverOneSignedWebhook()
    {
        var (id, secret) = await RegisterAsync(_receiver.Url);
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(20));

        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "hook-ada@example.com"));
        var appointmentId = booked.GetProperty("id").GetInt32();
        var token = booked.GetProperty("manageToken").GetString();
        await WaitForReceivedAsync(1);
        var lockToken = await _api.LockAsync(date, alex, "11:00", "client-webhook-1");
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{appointmentId}",
            new { date = date.Text(), time = "11:00", lockToken = lockToken.ToString(), clientId = "client-webhook-1" }, manageToken: token);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await WaitForReceivedAsync(2);
        var cancelled = await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{appointmentId}", manageToken: token);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await WaitForReceivedAsync(3);
        // A sweep after the fact must find nothing left to send: each change was delivered exactly once.
        await RunSweepAsync();
        await Task.Delay(1000);

        var received = _receiver.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.True(WebhookReceiver.Verify(secret, r), $"signature of {r.Id} does not verify"));
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["booking.created", "booking.rescheduled", "booking.cancelled"], bodies.Select(b => b.GetProperty("type").GetString()));
        Assert.All(bodies, b => Assert.Equal(appointmentId, b.GetProperty("data").GetProperty("appointmentId").GetInt32()));
        Assert.Equal(["10:00", "11:00", "11:00"], bodies.Select(b => b.GetProperty("data").GetProperty("time").GetString()));
        Assert.Equal([0, 1, 2], bodies.Select(b => b.GetProperty("data").GetProperty("sequence").GetInt32()));
        Assert.Equal("cancelled", bodies[2].GetProperty("data").GetProperty("status").GetString());
        Assert.All(received, r => Assert.InRange(long.Parse(r.Timestamp), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        var log = await DeliveriesAsync(id);
        Assert.Equal(3, log.Count);
        Assert.All(log, d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            var attempt = d.GetProperty("log").EnumerateArray().Single();
            Assert.Equal(204, attempt.GetProperty("statusCode").GetInt32());
        });
    }

    [Fact]
    public async Task ReceiverFailingThreeTimes_GetsTheEventOnTheFourthAttemptWithTheSameId()
    {
        _receiver.FailFirst = 3;
        var (id, secret) = await RegisterAsync(_receiver.Url);
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(21));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "14:00", email: "hook-retry@example.com"));

        await WaitForReceivedAsync(1);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            // The backoff after failure n is FirstRetrySeconds·4^(n−1) ±20 %: check the row's due time, then make it due
            // now instead of waiting (hours, later on) and run the sweep job the way Hangfire's schedule would.
            await AssertNextAttemptAsync(options.RetryDelay(attempt - 1));
            await MakeDueAsync();
            await RunSweepAsync();
            await WaitForReceivedAsync(attempt);
        }

        var received = _receiver.Received.ToList();
        Assert.Equal([500, 500, 500, 204], received.Select(r => r.AnsweredStatus));
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.All(received, r => Assert.True(WebhookReceiver.Verify(secret, r)));

        var delivery = await WaitForDeliveryAsync(id, d => d.GetProperty("status").GetString() == "delivered");
        Assert.Equal(received[0].Id, delivery.GetProperty("messageId").GetString());
        Assert.Equal(4, delivery.GetProperty("attempts").GetInt32());
        var attempts = delivery.GetProperty("log").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 500, 500, 204], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(["http_status", "http_status", "http_status", null], attempts.Select(a => a.GetProperty("error").GetString()));
        Assert.All(attempts, a => Assert.True(a.GetProperty("durationMs").GetInt32() >= 0));
    }

    [Fact]
    public void DefaultRetrySchedule_SpansAtLeastADay()
    {
        var options = new WebhookOptions();
        var total = Enumerable.Range(1, options.MaxAttempts - 1).Sum(n => options.RetryDelay(n).TotalHours * 0.8); // worst case of the jitter
        Assert.Equal(10, options.MaxAttempts);
        Assert.True(total >= 24, $"the schedule spans only {total:0.0} h");
    }

    private async Task<(int Id, string Secret)> RegisterAsync(string url)
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/webhooks", new { url });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var listed = await (await _admin.GetAsync("/api/v1/admin/webhooks")).JsonAsync();
        Assert.DoesNotContain("whsec_", listed.GetRawText()); // the secret is shown once, never listed
        _endpointId = body.GetProperty("id").GetInt32();
        return (_endpointId, body.GetProperty("secret").GetString()!);
    }

    private async Task<List<JsonElement>> DeliveriesAsync(int endpointId) =>
        (await (await _admin.GetAsync($"/api/v1/admin/webhooks/{endpointId}/deliveries")).JsonAsync()).EnumerateArray().ToList();

    private async Task<JsonElement> WaitForDeliveryAsync(int endpointId, Func<JsonElement, bool> condition)
    {
        JsonElement found = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            var log = await DeliveriesAsync(endpointId);
            if (log.Count != 1 || !condition(log[0])) return false;
            found = log[0];
            return true;
        }, TimeSpan.FromSeconds(20), "the delivery log to show the expected state");
        return found;
    }

    private Task WaitForReceivedAsync(int count) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(_receiver.Received.Count >= count), TimeSpan.FromSeconds(20), $"{count} webhook(s) at the receiver");

    private async Task AssertNextAttemptAsync(TimeSpan delay)
    {
        await Eventually.WaitUntilAsync(() => RowAsync(d => d.Status == WebhookDeliveryStatus.Pending && d.ClaimedUntilUtc == null), TimeSpan.FromSeconds(20),
            "the failed attempt to be recorded");
        await app.WithDbAsync(async db =>
        {
            var row = await db.Set<WebhookDelivery>().AsNoTracking().SingleAsync(d => d.EndpointId == _endpointId);
            var attempted = await db.Set<WebhookDeliveryAttempt>().AsNoTracking().Where(a => a.DeliveryId == row.Id).MaxAsync(a => a.AttemptedUtc);
            var wait = row.NextAttemptUtc - attempted;
            Assert.InRange(wait.TotalSeconds, delay.TotalSeconds * 0.8 - 1, delay.TotalSeconds * 1.2 + 20);
        });
    }

    private async Task<bool> RowAsync(Func<WebhookDelivery, bool> condition)
    {
        var ok = false;
        await app.WithDbAsync(async db => ok = condition(await db.Set<WebhookDelivery>().AsNoTracking().SingleAsync(d => d.EndpointId == _endpointId)));
        return ok;
    }

    private Task MakeDueAsync() => app.WithDbAsync(db => db.Set<WebhookDelivery>().Where(d => d.EndpointId == _endpointId)
        .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptUtc, DateTime.UtcNow.AddSeconds(-1))));

    private Task RunSweepAsync()
    {
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger("webhook-deliveries");
        return Task.CompletedTask;
    }
}

public sealed class WebhookSqliteAppFactory : AppFactory
{
    public WebhookSqliteAppFactory() : base(DatabaseKind.Sqlite) => this.WithAdminKeys().With("Webhooks:AllowPrivateTargets", "true");
}

public sealed class WebhookMariaDbAppFactory : AppFactory
{
    public WebhookMariaDbAppFactory() : base(DatabaseKind.MariaDb) => this.WithAdminKeys().With("Webhooks:AllowPrivateTargets", "true");
}

public sealed class SqliteWebhookDeliveryTests(WebhookSqliteAppFactory app) : WebhookDeliveryTests(app), IClassFixture<WebhookSqliteAppFactory>;

public sealed class MariaDbWebhookDeliveryTests(WebhookMariaDbAppFactory app) : WebhookDeliveryTests(app), IClassFixture<WebhookMariaDbAppFactory>;
