using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// Split brain (issue 18, acceptance 3; decision 130): instance C loses Redis — its Redis link, in the network
/// namespace <see cref="ScaleOutDeployment"/> gave it, goes down — while A and B still reach the Cluster. C then serves
/// slot state from SQL and A and B from Redis, so a hold taken on C is visible on C only; a booking race for one slot
/// across both sides still books it once (the claims table decides, not the slot store); and once C's link is up again
/// its failback sync copies the hold into Redis, where A and B honour it and its lock token still confirms.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class SplitBrainTests(ScaleOutDeployment deployment, ITestOutputHelper output)
{
    private static readonly TimeSpan ModeBudget = TimeSpan.FromSeconds(60);
    private const int AttemptsPerInstance = 20;

    [Fact]
    public async Task AnInstanceCutOffFromRedis_ServesFromSql_BooksARacedSlotOnce_AndItsHoldSurvivesTheRejoin()
    {
        var (a, b, c) = (deployment.Client(deployment.A), deployment.Client(deployment.Instances[1]), deployment.Client(deployment.C));
        var serviceId = await ScaleOutApi.ServiceIdAsync(a, "Haircut");
        var employeeId = await ScaleOutApi.EmployeeIdAsync(a);
        var free = await ScaleOutApi.FreeSlotsAsync(a, serviceId, employeeId, firstWeekday: 8, count: 2);
        var ((date, held), (raceDate, raced)) = (free[0], free[1]);
        await WaitForModesAsync("redis", "redis", "redis");

        string lockToken;
        var statuses = new ConcurrentDictionary<int, int>();
        var winners = new ConcurrentBag<string>();
        var bySide = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentBag<string>();
        try
        {
            var clock = Stopwatch.StartNew();
            await deployment.CutCFromRedisAsync();
            await WaitForModesAsync("redis", "redis", "mysql");
            output.WriteLine($"C serves from SQL {clock.ElapsedMilliseconds} ms after its Redis link went down; A and B from Redis");

            // A hold taken on the cut-off side lives in C's SQL store: C shows it, A (on Redis) cannot.
            using var locked = await ScaleOutApi.LockAsync(c, date, employeeId, held, "visitor-on-c");
            var lockBody = await locked.Content.ReadAsStringAsync();
            Assert.True(locked.StatusCode == HttpStatusCode.OK, $"lock on C answered {(int)locked.StatusCode}: {lockBody}");
            lockToken = JsonDocument.Parse(lockBody).RootElement.GetProperty("lockToken").GetString()!;
            Assert.Contains(held, LockedSlots(await ScaleOutApi.HeartbeatAsync(c, date, employeeId, "looker-on-c")));
            Assert.DoesNotContain(held, LockedSlots(await ScaleOutApi.HeartbeatAsync(a, date, employeeId, "looker-on-a")));

            // One slot raced from both sides at once: each side's slot store says free, the claims table decides.
            await Task.WhenAll(new[] { a, b, c }.SelectMany((client, side) => Enumerable.Range(0, AttemptsPerInstance).Select(async attempt =>
            {
                using var response = await client.PostAsJsonAsync("/api/v1/appointments", new
                {
                    serviceId, employeeId, date = raceDate.Text(), time = raced,
                    customer = new { name = "Split racer", email = $"split-{side}-{attempt}@example.com" },
                });
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                bySide.AddOrUpdate($"{"ABC"[side]} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                if (response.StatusCode == HttpStatusCode.Created) winners.Add("ABC"[side].ToString());
                if ((int)response.StatusCode >= 500) failures.Add($"{"ABC"[side]}: {await response.Content.ReadAsStringAsync()}");
            })));
            output.WriteLine("race across the split: " + string.Join(", ", bySide.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}"))
                             + $"; won through instance {string.Join(", ", winners)}");
            foreach (var failure in failures.Take(3)) output.WriteLine(failure);
            if (!failures.IsEmpty)
                foreach (var line in deployment.C.Output.Split('\n').Where(l => l.Contains("fail:") || l.Contains("warn:") || l.Contains("Exception")).TakeLast(40))
                    output.WriteLine("C| " + line);
        }
        finally
        {
            await deployment.HealCAsync();
        }
        var rejoin = Stopwatch.StartNew();
        await WaitForModesAsync("redis", "redis", "redis");
        output.WriteLine($"C back on Redis {rejoin.ElapsedMilliseconds} ms after its link came up");

        Assert.Equal([201, 409], statuses.Keys.Order());
        Assert.Single(winners);
        Assert.Equal(1, await deployment.ScalarAsync("SELECT COUNT(*) FROM appointments WHERE customer_email LIKE 'split-%'"));
        Assert.Equal(0, await deployment.ScalarAsync(
            "SELECT COUNT(*) FROM (SELECT 1 FROM appointment_claims GROUP BY employee_id, cell_start_utc HAVING COUNT(*) > 1) AS doubles"));

        // After the rejoin the hold taken on C is in Redis: A and B refuse a rival, and the holder's token still books.
        using (var rivalOnA = await ScaleOutApi.LockAsync(a, date, employeeId, held, "rival-on-a"))
            Assert.Equal(HttpStatusCode.Conflict, rivalOnA.StatusCode);
        using (var rivalOnB = await ScaleOutApi.LockAsync(b, date, employeeId, held, "rival-on-b"))
            Assert.Equal(HttpStatusCode.Conflict, rivalOnB.StatusCode);
        Assert.Contains(held, LockedSlots(await ScaleOutApi.HeartbeatAsync(a, date, employeeId, "looker-on-a")));
        using var confirmed = await a.PostAsJsonAsync("/api/v1/appointments", new
        {
            serviceId, employeeId, date = date.Text(), time = held, lockToken,
            customer = new { name = "Held on C", email = "held-on-c@example.com" },
        });
        Assert.True(confirmed.StatusCode == HttpStatusCode.Created,
            $"the token issued on C during the split answered {(int)confirmed.StatusCode} on A: {await confirmed.Content.ReadAsStringAsync()}");
        foreach (var client in new[] { a, b, c }) client.Dispose();
    }

    private static IEnumerable<string?> LockedSlots(JsonElement heartbeat) =>
        heartbeat.GetProperty("lockedSlots").EnumerateArray().Select(t => t.GetString());

    /// <summary>Until A, B and C report these slot-state modes on /health/ready (polled every 100 ms).</summary>
    private async Task WaitForModesAsync(params string[] expected)
    {
        var clock = Stopwatch.StartNew();
        string?[] modes = [];
        while (clock.Elapsed < ModeBudget)
        {
            modes = await Task.WhenAll(deployment.Instances.Select(deployment.StorageModeAsync));
            if (modes.SequenceEqual(expected)) return;
            await Task.Delay(100);
        }
        // An instance that stopped answering may have exited: its last lines say why (seen once for C after the heal).
        var exited = deployment.Instances.Select((instance, i) => (Name: "ABC"[i], instance))
            .Where(x => x.instance.HasExited)
            .Select(x => $"\n{x.Name} exited; its last lines:\n" + string.Join('\n', x.instance.Output.Split('\n').TakeLast(40)));
        Assert.Fail($"modes A, B, C: {string.Join(", ", modes)}; expected {string.Join(", ", expected)} within {ModeBudget.TotalSeconds} s"
                    + string.Concat(exited));
    }
}
