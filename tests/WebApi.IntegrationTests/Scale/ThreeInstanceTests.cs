using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Scale;

/// <summary>
/// Three stateless instances on one MariaDB and one Redis (issue 18): what a visitor does through one instance shows
/// in a heartbeat served by another within a second, a catalogue change made through one is listed by all within a
/// second (the Redis `catalogue` announcement drops their 5 s caches), and a booking race spread over all three books
/// each slot once with no 5xx. In-process instances, quick to debug; the same with three Production processes behind
/// nginx is <see cref="ScaleOutBehindNginxTests"/>.
/// </summary>
public sealed class ThreeInstanceTests(ThreeInstanceTests.Instances instances) : IClassFixture<ThreeInstanceTests.Instances>
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ASelectionThroughOneInstance_ShowsInAHeartbeatServedByAnother_WithinASecond()
    {
        var (a, c) = (instances.Clients[0], instances.Clients[2]);
        var employeeId = await EmployeeIdAsync(a);
        var date = TestDates.Weekday(13);

        var selected = await a.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId, time = "13:00", clientId = "visitor-on-a" });
        Assert.Equal(HttpStatusCode.OK, selected.StatusCode);
        var seen = await TimeUntilAsync(async () =>
        {
            var heartbeat = await c.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId, clientId = "visitor-on-c" });
            var json = JsonDocument.Parse(await heartbeat.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("activeSelections").EnumerateArray().Any(t => t.GetString() == "13:00");
        });

        Assert.True(seen < WithinASecond, $"seen on instance C after {seen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ACatalogueChangeThroughOneInstance_IsListedByAll_WithinASecond()
    {
        foreach (var client in instances.Clients) await client.GetAsync("/api/v1/services"); // every cache warm
        var name = "Scale check " + Guid.NewGuid().ToString("N")[..8];

        using var admin = instances.First.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/admin/services",
            new { name, durationMinutes = 30, price = 10.0m, bufferBeforeMinutes = 0, bufferAfterMinutes = 0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var seen = await TimeUntilAsync(async () =>
        {
            foreach (var client in instances.Clients)
            {
                var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
                if (!services!.Any(s => s.GetProperty("name").GetString() == name)) return false;
            }
            return true;
        });
        Assert.True(seen < WithinASecond, $"listed by all three after {seen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task ABookingRaceOverThreeInstances_BooksEachSlotOnce_WithoutServerErrors()
    {
        var client = instances.Clients[0];
        var serviceId = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services"))!
            .Single(s => s.GetProperty("name").GetString() == "Haircut").GetProperty("id").GetInt32();
        var employeeId = await EmployeeIdAsync(client);
        var date = TestDates.Weekday(14);
        var times = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}"))
            .GetProperty("slots").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "available")
            .Select(s => s.GetProperty("time").GetString()!).ToList();
        const int AttemptsPerSlot = 30;

        var statuses = new ConcurrentDictionary<int, int>();
        var winners = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, times.Count * AttemptsPerSlot), new ParallelOptions { MaxDegreeOfParallelism = 12 }, async (attempt, ct) =>
        {
            var time = times[attempt / AttemptsPerSlot];
            using var response = await instances.Clients[attempt % 3].PostAsJsonAsync("/api/v1/appointments", new
            {
                serviceId, employeeId, date = date.Text(), time,
                customer = new { name = "Racer", email = $"three-{attempt}@example.com" },
            }, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.Created) winners.AddOrUpdate(time, 1, (_, n) => n + 1);
        });

        Assert.Equal([201, 409], statuses.Keys.Order());
        Assert.All(times, time => Assert.Equal(1, winners.GetValueOrDefault(time)));
        await instances.First.WithDbAsync(async db =>
            Assert.Equal(times.Count, await db.Appointments.CountAsync(a => a.CustomerEmail.StartsWith("three-"))));
    }

    private static async Task<int> EmployeeIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees"))!
            .Single(e => e.GetProperty("name").GetString() == "Alex Morgan").GetProperty("id").GetInt32();

    /// <summary>How long until the condition first holds (polled every 20 ms, up to 5 s).</summary>
    private static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "not seen within 5 s");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }

    /// <summary>Three app instances sharing one database and one Redis key prefix, like three processes of one deployment.</summary>
    public sealed class Instances : IAsyncLifetime
    {
        private readonly List<AppFactory> _apps = [];

        public AppFactory First => _apps[0];
        public List<HttpClient> Clients { get; } = [];

        public Task InitializeAsync()
        {
            var name = AppFactory.NewName();
            for (var i = 0; i < 3; i++)
            {
                var app = new AppFactory(DatabaseKind.MariaDb, useRedis: true, sharedName: name).WithAdminKeys();
                _apps.Add(app);
                Clients.Add(app.CreateClient());   // the first migrates and seeds; the others find it done
            }
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            foreach (var client in Clients) client.Dispose();
            for (var i = _apps.Count - 1; i >= 0; i--) await ((IAsyncLifetime)_apps[i]).DisposeAsync();
        }
    }
}
