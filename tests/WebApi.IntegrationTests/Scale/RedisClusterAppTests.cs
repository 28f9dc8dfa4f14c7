using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Infrastructure.Jobs;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// The whole app on a 3-master Redis Cluster: slot state and the Hangfire job storage both on the cluster. A script
/// or transaction whose keys span two hash slots fails there with CROSSSLOT, and Hangfire's Redis storage only works on
/// a cluster when its prefix carries a hash tag (decision 110).
/// </summary>
public sealed class RedisClusterAppTests(RedisClusterAppTests.Factory app) : IClassFixture<RedisClusterAppTests.Factory>
{
    private readonly BookingApi _api = new(app, app.CreateClient());

    [Fact]
    public async Task SelectLockConfirm_OnTheCluster_ShowInAnotherVisitorsHeartbeat_WithoutFallingBackToSql()
    {
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(4));

        var selected = await _api.Client.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = alex, time = "09:00", clientId = "cluster-looker" });
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        var lockResponse = await _api.Client.PostAsJsonAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId = alex, time = "11:00", clientId = "cluster-booker" });
        Assert.Equal(HttpStatusCode.OK, lockResponse.StatusCode);
        var lockToken = JsonDocument.Parse(await lockResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("lockToken").GetString();

        var whileHeld = await HeartbeatAsync(date, alex);
        Assert.Contains("09:00", whileHeld.GetProperty("activeSelections").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("11:00", whileHeld.GetProperty("lockedSlots").EnumerateArray().Select(e => e.GetString()));

        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00", lockToken: lockToken));

        var afterBooking = await HeartbeatAsync(date, alex);
        Assert.Contains("11:00", afterBooking.GetProperty("bookedSlots").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("11:00", afterBooking.GetProperty("lockedSlots").EnumerateArray().Select(e => e.GetString()));
        var state = app.Services.GetRequiredService<SlotStoreState>();
        Assert.True(state.RedisAvailable, "a cluster-incompatible command would have been taken for an outage and switched to SQL");
    }

    [Fact]
    public async Task JobStorage_OnTheCluster_RegistersAndRunsTheRecurringJobs()
    {
        Assert.StartsWith("{", new JobsOptions().RedisPrefix);   // the shipped default is cluster-safe, not only this test's
        var storage = app.Services.GetRequiredService<JobStorage>();

        await Eventually.WaitUntilAsync(() => Task.FromResult(Registered(storage) is { Count: >= 5 } && ServerListed(storage)),
            TimeSpan.FromSeconds(60), "recurring jobs registered on the cluster and a server listed");
        // Their cron is minutely: waiting for the next minute (plus the scheduler's poll) could outlast any fair timeout,
        // so one of them runs now through the cluster storage's queue, as an operator's "Trigger now" does.
        var registered = Registered(storage)!;
        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(registered.Contains("email-outbox") ? "email-outbox" : registered.First());
        await Eventually.WaitUntilAsync(() => Task.FromResult(Succeeded(storage)), TimeSpan.FromSeconds(60),
            "a recurring job succeeded on the cluster");
    }

    private static HashSet<string>? Registered(JobStorage storage) => WhileConnecting(() =>
    {
        using var connection = storage.GetConnection();
        return connection.GetAllItemsFromSet("recurring-jobs");
    }, null);

    private static bool ServerListed(JobStorage storage) => WhileConnecting(() => storage.GetMonitoringApi().Servers().Count >= 1, false);

    private static bool Succeeded(JobStorage storage) => WhileConnecting(() => storage.GetMonitoringApi().SucceededListCount() >= 1, false);

    /// <summary>The storage throws until the client has connected to the cluster; until then the answer is "not yet".</summary>
    private static T WhileConnecting<T>(Func<T> read, T notYet)
    {
        try { return read(); }
        catch (Exception) { return notYet; }
    }

    private async Task<JsonElement> HeartbeatAsync(DateOnly date, int employeeId)
    {
        var response = await _api.Client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId, clientId = "cluster-onlooker" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb, useRedis: true)
        {
            ConfigureServices = TestAuth.Add;
            With("ConnectionStrings:Redis", TestServers.RedisCluster)
                .With("Jobs:Storage", "Redis")
                .With("ConnectionStrings:Jobs", TestServers.RedisCluster)
                // A prefix of its own per run (the cluster is shared by the suite), hash-tagged like the default.
                .With("Jobs:RedisPrefix", $"{{ae-jobs-{Guid.NewGuid():N}}}:");
        }
    }
}
