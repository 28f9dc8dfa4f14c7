using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

/// <summary>The "AppointEase" meter through the OpenTelemetry in-memory exporter, against a Redis of this test's own.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryMetricsTests : IAsyncLifetime
{
    private const int Employee = 1;
    private readonly TelemetryCapture _telemetry = new();
    private PrivateRedisServer _redis = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        _app = _telemetry.Attach(new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("ConnectionStrings:Redis", _redis.Endpoint)
            .With("SlotState:HealthCheckIntervalMs", "200")
            .With("RateLimits:BookingPerIp:PermitLimit", "1"));
        _client = _app.CreateClient();
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledAndRestarted_CountsAFailover_FlipsTheModeGauge_AndRecordsTheFailbackDuration()
    {
        var date = TestDates.Weekday(5);
        var before = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Gauge(before, "appointease.slot_store.mode", ("mode", "redis")));
        Assert.Equal(0, TelemetryCapture.Gauge(before, "appointease.slot_store.mode", ("mode", "sql")));
        Assert.Equal(0, TelemetryCapture.Sum(before, "appointease.slot_store.failovers"));

        await _redis.KillAsync();
        Assert.Equal("mysql", await StorageModeAsync(date));
        // A hold taken during the outage goes back to Redis with the failback sync.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, "11:00", "outage-client-1"))).StatusCode);

        var during = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Sum(during, "appointease.slot_store.failovers"));
        Assert.Equal(0, TelemetryCapture.Gauge(during, "appointease.slot_store.mode", ("mode", "redis")));
        Assert.Equal(1, TelemetryCapture.Gauge(during, "appointease.slot_store.mode", ("mode", "sql"), ("redis_configured", "true")));
        Assert.Equal(0, TelemetryCapture.HistogramCount(during, "appointease.slot_store.failback.duration"));

        await _redis.StartAgainAsync();
        for (var i = 0; i < 150 && await StorageModeAsync(date) != "redis"; i++) await Task.Delay(100);
        // The instance serves from Redis before its second failback sync ends; the failback is counted when that ends.
        await Eventually.WaitUntilAsync(() => Task.FromResult(TelemetryCapture.Sum(_telemetry.Collect(), "appointease.slot_store.failbacks") > 0),
            TimeSpan.FromSeconds(5), "the failback counted");

        var after = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Sum(after, "appointease.slot_store.failovers"));
        Assert.Equal(1, TelemetryCapture.Sum(after, "appointease.slot_store.failbacks"));
        Assert.Equal(1, TelemetryCapture.HistogramCount(after, "appointease.slot_store.failback.duration"));
        Assert.Equal(1, TelemetryCapture.Gauge(after, "appointease.slot_store.mode", ("mode", "redis")));
        Assert.Equal(0, TelemetryCapture.Gauge(after, "appointease.slot_store.mode", ("mode", "sql")));
        var synced = after["appointease.slot_store.failback.holds_synced"].MetricPoints.Sum(p => p.GetHistogramSum());
        Assert.True(synced >= 1, $"holds synced: {synced}");
    }

    [Fact]
    public async Task LockConflictAndRateLimitRejection_AreCountedByOutcomeAndPolicy()
    {
        var date = TestDates.Weekday(6);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, "09:00", "winner-client-1"))).StatusCode);
        await (await _client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, "09:00", "loser-client-1"))).AssertProblemAsync(HttpStatusCode.Conflict);
        // The booking limit is 1 per IP here: the second confirm is refused before validation.
        await _client.PostAsJsonAsync("/api/v1/appointments", new { });
        await (await _client.PostAsJsonAsync("/api/v1/appointments", new { })).AssertProblemAsync(HttpStatusCode.TooManyRequests);

        var metrics = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "appointease.slots.locks", ("outcome", "won")));
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "appointease.slots.locks", ("outcome", "conflict")));
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "appointease.rate_limit.rejections", ("policy", "booking_per_ip")));
        Assert.Equal(2, TelemetryCapture.HistogramCount(metrics, "appointease.requests.duration", ("request", "LockSlotCommand")));
    }

    [Fact]
    public async Task HeartbeatResponses_AreCountedByStatus()
    {
        var date = TestDates.Weekday(7);
        var first = await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = "beat-client-1" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = new HttpRequestMessage(HttpMethod.Post, "/api/v1/heartbeat")
        {
            Content = JsonContent.Create(new { date = date.Text(), employeeId = Employee, clientId = "beat-client-1" }),
        };
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);

        var metrics = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "appointease.slots.heartbeats", ("outcome", "200")));
        Assert.Equal(1, TelemetryCapture.Sum(metrics, "appointease.slots.heartbeats", ("outcome", "304")));
    }

    private async Task<string?> StorageModeAsync(DateOnly date)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = "mode-watcher-1" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storageMode").GetString();
    }

    private static object Slot(DateOnly date, string time, string clientId) => new { date = date.Text(), employeeId = Employee, time, clientId };
}
