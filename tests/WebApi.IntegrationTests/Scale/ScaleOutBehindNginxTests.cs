using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// Issue 18, acceptance 3 with real processes: three Production instances behind nginx on the Redis Cluster
/// (<see cref="ScaleOutDeployment"/>). A 10,000-attempt booking race through nginx (on request, Category=long; a
/// 2,000-attempt one in the default run) books every slot exactly once with no 5xx; a selection made through instance A shows in a heartbeat served by instance C within a second; a catalogue
/// change made through A is listed by all three within a second (the Redis `catalogue` announcement drops their caches).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutBehindNginxTests(ScaleOutDeployment deployment, ITestOutputHelper output)
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    /// <summary>The issue's race: 10,000 attempts, 50 per slot; 1-1.5 minutes on a loaded 2-core machine, so on request.</summary>
    [Fact]
    [Trait("Category", "long")]
    public Task ATenThousandAttemptRaceThroughNginx_BooksEachSlotExactlyOnce_WithoutServerErrors() =>
        RaceAsync(attempts: 10_000, slotCount: 200, firstWeekday: 30, prefix: "race10k-");

    /// <summary>The same race, smaller (20 per slot), for the default run.</summary>
    [Fact]
    public Task ABookingRaceThroughNginx_BooksEachSlotExactlyOnce_WithoutServerErrors() =>
        RaceAsync(attempts: 2_000, slotCount: 100, firstWeekday: 50, prefix: "race2k-");

    private async Task RaceAsync(int attempts, int slotCount, int firstWeekday, string prefix)
    {
        using var client = deployment.ThroughNginx();
        var serviceId = await ScaleOutApi.ServiceIdAsync(client, "Haircut");
        var employeeId = await ScaleOutApi.EmployeeIdAsync(client);
        var slots = await ScaleOutApi.FreeSlotsAsync(client, serviceId, employeeId, firstWeekday, slotCount);
        var perSlot = attempts / slotCount;
        var answeredBefore = deployment.AnsweredBy("/api/v1/appointments");

        var statuses = new ConcurrentDictionary<int, int>();
        var winners = new ConcurrentDictionary<(DateOnly, string), int>();
        var clock = Stopwatch.StartNew();
        // The contenders of one slot are sent together, so nginx's round-robin puts them on all three instances.
        await Parallel.ForEachAsync(Enumerable.Range(0, attempts), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (attempt, ct) =>
        {
            var slot = slots[attempt / perSlot];
            using var response = await client.PostAsJsonAsync("/api/v1/appointments", new
            {
                serviceId, employeeId, date = slot.Date.Text(), time = slot.Time,
                customer = new { name = "Racer", email = $"{prefix}{attempt}@example.com" },
            }, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.Created) winners.AddOrUpdate(slot, 1, (_, n) => n + 1);
        });
        output.WriteLine($"{attempts} attempts over {slots.Count} slots in {clock.Elapsed.TotalSeconds:0.0} s: "
                         + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}")));
        var answeredBy = deployment.AnsweredBy("/api/v1/appointments")
            .ToDictionary(a => a.Key, a => a.Value - answeredBefore.GetValueOrDefault(a.Key));
        output.WriteLine("answered by " + string.Join(", ", answeredBy.Select(a => $"{a.Key} ×{a.Value}")));

        Assert.Equal([201, 409], statuses.Keys.Order());
        Assert.All(deployment.Instances, i => Assert.True(answeredBy.GetValueOrDefault($"{i.Host}:{i.Port}") > attempts / 4,
            $"instance {i.Host}:{i.Port} answered {answeredBy.GetValueOrDefault($"{i.Host}:{i.Port}")} of {attempts}"));
        Assert.All(slots, slot => Assert.Equal(1, winners.GetValueOrDefault(slot)));
        Assert.Equal(slots.Count, await deployment.ScalarAsync($"SELECT COUNT(*) FROM appointments WHERE customer_email LIKE '{prefix}%'"));
        Assert.Equal(0, await deployment.ScalarAsync(
            "SELECT COUNT(*) FROM (SELECT 1 FROM appointment_claims GROUP BY employee_id, cell_start_utc HAVING COUNT(*) > 1) AS doubles"));
    }

    [Fact]
    public async Task ASelectionThroughInstanceA_ShowsInAHeartbeatServedByInstanceC_WithinASecond()
    {
        using var a = deployment.Client(deployment.A);
        using var c = deployment.Client(deployment.C);
        var employeeId = await ScaleOutApi.EmployeeIdAsync(a);
        var date = TestDates.Weekday(5);
        await ScaleOutApi.HeartbeatAsync(c, date, employeeId, "visitor-on-c");   // C knows the day already, as a live widget would

        var selected = await a.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId, time = "13:00", clientId = "visitor-on-a" });
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        var seen = await ScaleOutApi.TimeUntilAsync(async () =>
            (await ScaleOutApi.HeartbeatAsync(c, date, employeeId, "visitor-on-c"))
            .GetProperty("activeSelections").EnumerateArray().Any(t => t.GetString() == "13:00"));

        output.WriteLine($"seen on instance C after {seen.TotalMilliseconds:0} ms");
        Assert.True(seen < WithinASecond, $"seen on instance C after {seen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ACatalogueChangeThroughInstanceA_IsListedByAllThree_WithinASecond()
    {
        var clients = deployment.Instances.Select(deployment.Client).ToList();
        foreach (var client in clients) await client.GetAsync("/api/v1/services");   // every instance's 5 s cache warm
        var name = "Scale check " + Guid.NewGuid().ToString("N")[..8];

        using var admin = deployment.Admin(deployment.A);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/services",
            new { name, durationMinutes = 30, price = 10.0m, bufferBeforeMinutes = 0, bufferAfterMinutes = 0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var seen = await ScaleOutApi.TimeUntilAsync(async () =>
        {
            foreach (var client in clients)
            {
                var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
                if (!services!.Any(s => s.GetProperty("name").GetString() == name)) return false;
            }
            return true;
        });

        output.WriteLine($"listed by all three after {seen.TotalMilliseconds:0} ms");
        Assert.True(seen < WithinASecond, $"listed by all three after {seen.TotalMilliseconds:0} ms");
        foreach (var client in clients) client.Dispose();
    }
}
