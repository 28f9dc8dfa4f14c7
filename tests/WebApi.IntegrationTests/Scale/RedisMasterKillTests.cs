using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using AppointEase.WebApi.IntegrationTests.Reliability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// A Redis master killed under booking load, on a Cluster and through Sentinel (issue 18, acceptance 2; decision 111):
/// no request answers 5xx, no slot is booked twice, a hold taken before the kill and one taken during the failover
/// still block another visitor afterwards, and the instance ends up serving from Redis again. A fault suite of its own
/// (`scripts/test.sh --filter Category=faults`, README). It once failed inside the full run because the private
/// topology was handed over before its replicas had synced (no Cluster failover, an empty Sentinel replica promoted);
/// scripts/lib/redis-topologies.sh now waits for that (decision 131).
/// </summary>
[Trait("Category", "faults")]
[Collection(Reliability.ServerOutageCollection.Name)]
public sealed class RedisMasterKillTests(ITestOutputHelper output)
{
    private const int Workers = 8;

    /// <summary>Every 5xx with its time, path and problem body, printed before the assertions so a failure names its cause.</summary>
    private readonly ConcurrentQueue<string> _serverErrors = new();

    /// <summary>The app's Warning+ lines (with their exceptions), printed with the 5xx so a failure shows what the server saw.</summary>
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task ClusterMasterKilledUnderLoad_NoServerErrors_NoDoubleBookings_HoldsKept()
    {
        await using var cluster = await PrivateRedisTopology.ClusterAsync();
        await RunAsync(cluster.ConnectionString, TestDates.Weekday(11), async key =>
        {
            var port = await cluster.KillClusterMasterOfAsync(key);
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killed cluster master :{port}");
            return () => cluster.ClusterIsHealthyAsync(port);
        });
    }

    [Fact]
    public async Task SentinelMasterKilledUnderLoad_NoServerErrors_NoDoubleBookings_HoldsKept()
    {
        await using var sentinel = await PrivateRedisTopology.SentinelAsync();
        await RunAsync(sentinel.ConnectionString, TestDates.Weekday(12), _ =>
        {
            var port = sentinel.KillSentinelMaster();
            output.WriteLine($"killed sentinel master :{port}");
            return Task.FromResult<Func<Task<bool>>>(() => Task.FromResult(true));
        });
    }

    /// <param name="kill">kills the master holding the day's key; returns a probe that is true once the topology has recovered.</param>
    private async Task RunAsync(string redis, DateOnly date, Func<string, Task<Func<Task<bool>>>> kill)
    {
        var app = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("ConnectionStrings:Redis", redis)
            .With("SlotState:HealthCheckIntervalMs", "250");
        app.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs);
        try
        {
            await RunAsync(app, date, kill);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private async Task RunAsync(AppFactory app, DateOnly date, Func<string, Task<Func<Task<bool>>>> kill)
    {
        using var client = app.CreateClient();
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var serviceId = services!.Single(s => s.GetProperty("name").GetString() == "Haircut").GetProperty("id").GetInt32();
        var employeeId = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees"))![0].GetProperty("id").GetInt32();
        var times = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}"))
            .GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "available")
            .Select(s => s.GetProperty("time").GetString()!).ToList();
        Assert.True(times.Count >= 8, $"only {times.Count} free slots on {date}");
        var (heldBefore, heldDuring) = (times[^1], times[^2]);
        var raced = times[..^2];

        Assert.Equal(HttpStatusCode.OK, (await LockAsync(client, date, employeeId, heldBefore, "holder-before")).StatusCode);

        var statuses = new ConcurrentDictionary<int, int>();
        var winners = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var time = raced[(i + worker) % raced.Count];
                var visitor = $"visitor-{worker}-{i % 3}";
                await CountAsync(statuses, await client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId, clientId = visitor, selectedTime = time }));
                await CountAsync(statuses, await client.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId, time, clientId = visitor }));
                var booking = await client.PostAsJsonAsync("/api/v1/appointments", new
                {
                    serviceId, employeeId, date = date.Text(), time,
                    customer = new { name = "Racer", email = $"racer-{worker}-{i}@example.com" },
                });
                await CountAsync(statuses, booking);
                if (booking.StatusCode == HttpStatusCode.Created) winners.AddOrUpdate(time, 1, (_, n) => n + 1);
            }
        })).ToList();

        await Task.Delay(1000);
        var recovered = await kill(new SlotKey(date, employeeId, TimeOnly.Parse(heldBefore)).DayTag);
        var lockedDuring = await LockAsync(client, date, employeeId, heldDuring, "holder-during");
        Assert.Equal(HttpStatusCode.OK, lockedDuring.StatusCode);
        await Eventually.WaitUntilAsync(recovered, TimeSpan.FromSeconds(60), "the topology serves every slot again");
        var state = app.Services.GetRequiredService<SlotStoreState>();
        await Eventually.WaitUntilAsync(() => Task.FromResult(state.Mode == StorageMode.Redis), TimeSpan.FromSeconds(60),
            "the instance serves from Redis again");
        await Task.Delay(2000);   // load on the recovered topology too
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}")));
        // The holds are checked on the store that serves now; say which, so a failure tells a lost hold from a mode flip.
        output.WriteLine($"mode when checking the holds: {state.Mode}");
        foreach (var error in _serverErrors) output.WriteLine($"server error: {error}");
        foreach (var line in _logs.WarningsAndAbove) output.WriteLine($"app log: {line}");
        Assert.DoesNotContain(statuses.Keys, status => status >= 500);
        Assert.All(winners, w => Assert.Equal(1, w.Value));
        Assert.Equal(HttpStatusCode.Conflict, (await LockAsync(client, date, employeeId, heldBefore, "rival-visitor-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await LockAsync(client, date, employeeId, heldDuring, "rival-visitor-2")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(winners.Count, await db.Appointments.CountAsync(a => a.CustomerEmail.StartsWith("racer-")));
            var claims = await db.Set<AppointmentClaim>().Select(c => new { c.EmployeeId, c.CellStartUtc }).ToListAsync();
            Assert.Equal(claims.Count, claims.Distinct().Count());
        });
    }

    private static Task<HttpResponseMessage> LockAsync(HttpClient client, DateOnly date, int employeeId, string time, string clientId) =>
        client.PostAsJsonAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId, time, clientId });

    private async Task CountAsync(ConcurrentDictionary<int, int> statuses, HttpResponseMessage response)
    {
        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        if ((int)response.StatusCode >= 500)
            _serverErrors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {response.RequestMessage?.RequestUri?.AbsolutePath} {(int)response.StatusCode}: "
                + await response.Content.ReadAsStringAsync());
        response.Dispose();
    }
}
