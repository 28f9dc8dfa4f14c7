using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// Runs against a redis-server of its own (killed with -9 and restarted on the same port) and the test MariaDB.
/// </summary>
public sealed class RedisFailoverTests : IAsyncLifetime
{
    private const int Employee = 1;
    private PrivateRedisServer _redis = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        _app = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("ConnectionStrings:Redis", _redis.Endpoint)
            // kill -9 closes the sockets, so the outage shows as a connection error at once; generous timeouts keep a
            // busy test machine from flipping to SQL by a timeout where the test expects Redis.
            .With("Redis:ConnectTimeoutMs", "2000")
            .With("Redis:OperationTimeoutMs", "2000")
            .With("SlotState:HealthCheckIntervalMs", "200");
        _client = _app.CreateClient();
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisKilledMidRun_RequestsKeepSucceedingOnSql_AndHoldsReturnToRedisAfterRestart()
    {
        var date = TestDates.Weekday(2);
        const string alice = "alice-failover-1", bob = "bob-failover-1";
        Assert.Equal("redis", (await HeartbeatAsync(date, bob)).GetProperty("storageMode").GetString());

        // A visitor keeps polling and re-selecting throughout; not one request may fail.
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentBag<string>();
        var modesSeen = new ConcurrentDictionary<string, int>();
        var poller = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var select = await PostAsync("/api/v1/slots/select", Slot(date, "14:00", "poller-client-1"));
                if (select.StatusCode != HttpStatusCode.OK) failures.Add($"select {(int)select.StatusCode}");
                var beat = await PostAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = "poller-client-1", selectedTime = "14:00" });
                if (beat.StatusCode != HttpStatusCode.OK) failures.Add($"heartbeat {(int)beat.StatusCode}");
                else modesSeen.AddOrUpdate((await beat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storageMode").GetString()!, 1, (_, n) => n + 1);
                await Task.Delay(20);
            }
        });
        await Task.Delay(300);

        await _redis.KillAsync();

        var duringOutage = await HeartbeatAsync(date, bob);
        Assert.Equal("mysql", duringOutage.GetProperty("storageMode").GetString());
        Assert.Equal("unavailable", duringOutage.GetProperty("redisStatus").GetString());
        var locked = await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", alice));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var token = (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockToken").GetString();
        await (await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", bob))).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await PostAsync("/api/v1/slots/select", Slot(date, "11:00", bob))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["11:00"], Times(await HeartbeatAsync(date, bob), "lockedSlots"));
        await Task.Delay(500);

        await _redis.StartAgainAsync();

        await WaitForModeAsync(date, "redis");
        await stop.CancelAsync();
        await poller;
        Assert.Empty(failures);
        Assert.True(modesSeen.ContainsKey("redis") && modesSeen.ContainsKey("mysql"), $"modes seen: {string.Join(",", modesSeen.Keys)}");

        // The outage lock now lives in Redis (same token), still blocks others, and SQL holds nothing any more.
        await (await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", bob))).AssertProblemAsync(HttpStatusCode.Conflict);
        var keys = new RedisSlotKeys(_app.Name);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint))
        {
            var value = (string?)await redis.GetDatabase().StringGetAsync(keys.Lock(new(date, Employee, new TimeOnly(11, 0))));
            Assert.StartsWith($"{alice}|{token!.Split('_')[3]}|", value);
        }
        await _app.WithDbAsync(async db => Assert.Equal(0, await db.Set<SlotLockRow>().CountAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={alice}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", bob))).StatusCode);
    }

    /// <summary>
    /// The heartbeat sends two commands, the day's state script and the cache read (MGET), without awaiting between
    /// them: on the one multiplexer connection they are pipelined, so the request waits for one round trip (decision 125).
    /// </summary>
    [Fact]
    public async Task Heartbeat_InRedisMode_IsOneRedisRoundTrip_AndNeverScans()
    {
        var date = TestDates.Weekday(3);
        await PostAsync("/api/v1/slots/lock", Slot(date, "10:00", "alice-roundtrip"));
        await HeartbeatAsync(date, "bob-roundtrip1", "09:00"); // warm-up: script cached server-side, the day's bookings in the cache
        await WaitForQuietHealthMonitorAsync();
        var roundTrips = RedisRoundTrips.Start(_app.Services.GetRequiredService<RedisConnection>().Multiplexer);
        await using var monitor = await RedisMonitor.StartAsync(_redis.Port);

        var heartbeat = await HeartbeatAsync(date, "bob-roundtrip1", "09:00");
        var seen = await monitor.StopAsync();
        var (commands, sequential) = roundTrips.Stop();

        Assert.Equal("redis", heartbeat.GetProperty("storageMode").GetString());
        Assert.Equal(["10:00"], Times(heartbeat, "lockedSlots"));
        // The slot scripts go out by their digest (decision 157), so the profiler and MONITOR below both see EVALSHA.
        Assert.Equal(["EVALSHA", "MGET"], commands.Select(c => c.Command));
        Assert.Equal(1, sequential);
        // MONITOR lists every command; those a script runs are marked "lua". The two from the app came over one
        // connection, the state script first (a cache read sent after it is never older than the locks it is shown with).
        var fromClients = seen.Where(line => !line.Contains(" lua]", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fromClients.Count);
        Assert.Contains("\"evalsha\"", fromClients[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"mget\"", fromClients[1], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ClientOf(fromClients[0]), ClientOf(fromClients[1]));
        Assert.DoesNotContain(seen, line => line.Contains("\"scan\"", StringComparison.OrdinalIgnoreCase) || line.Contains("\"keys\"", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(seen, line => line.Contains(" lua]", StringComparison.Ordinal) && line.Contains("\"hgetall\"", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>[db address]</c> part of a MONITOR line: which connection sent the command.</summary>
    private static string ClientOf(string monitorLine) => monitorLine[monitorLine.IndexOf('[')..(monitorLine.IndexOf(']') + 1)];

    /// <summary>The monitor writes the health key every 200 ms; stop it so only the heartbeat talks to Redis while we count.</summary>
    private async Task WaitForQuietHealthMonitorAsync()
    {
        var monitor = _app.Services.GetRequiredService<RedisHealthMonitor>();
        await monitor.StopAsync(CancellationToken.None);
        await Task.Delay(100);
    }

    private async Task WaitForModeAsync(DateOnly date, string mode)
    {
        for (var i = 0; i < 150; i++)
        {
            if ((await HeartbeatAsync(date, "mode-watcher-1")).GetProperty("storageMode").GetString() == mode) return;
            await Task.Delay(100);
        }
        Assert.Fail($"storageMode never became {mode}");
    }

    private static object Slot(DateOnly date, string time, string clientId) => new { date = date.Text(), employeeId = Employee, time, clientId };

    private Task<HttpResponseMessage> PostAsync(string path, object body) => _client.PostAsJsonAsync(path, body);

    private async Task<JsonElement> HeartbeatAsync(DateOnly date, string clientId, string? selectedTime = null)
    {
        var response = await PostAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId, selectedTime });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Times(JsonElement heartbeat, string property) =>
        heartbeat.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
