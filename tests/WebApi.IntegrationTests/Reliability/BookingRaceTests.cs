using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// 10,000 booking attempts on 100 slots, spread over two app instances on one MariaDB and one Redis: exactly one
/// booking per slot, every loser a 409, no 5xx, and not one log line at Warning or above from either instance while
/// the race runs — a lost race is an expected outcome, not something to page an operator about (acceptance 3 of
/// issue 16; decisions 073 and 076).
/// </summary>
[Collection(ServerOutageCollection.Name)]
public sealed class BookingRaceTests(ITestOutputHelper output)
{
    private const int Slots = 100;
    private const int AttemptsPerSlot = 100;
    private const int InFlight = 24;

    [Fact]
    public async Task TenThousandAttempts_AcrossTwoInstances_BookEachSlotOnce_WithoutServerErrorsOrWarnings()
    {
        var name = AppFactory.NewName();
        var logs = (First: new CapturedLogs(), Second: new CapturedLogs());
        var first = Instance(name, logs.First);
        var second = Instance(name, logs.Second);
        try
        {
            using var firstClient = first.CreateClient(); // the first instance migrates and seeds
            using var secondClient = second.CreateClient();
            var (serviceId, employeeId, slots) = await ArrangeAsync(firstClient);
            logs.First.Restart();
            logs.Second.Restart();

            var statuses = new ConcurrentDictionary<int, int>();
            var winners = new ConcurrentDictionary<(DateOnly, string), int>();
            var attempts = Enumerable.Range(0, Slots * AttemptsPerSlot).ToList();
            await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (attempt, ct) =>
            {
                var (date, time) = slots[attempt / AttemptsPerSlot];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
                {
                    Content = JsonContent.Create(new
                    {
                        serviceId, employeeId, date = date.Text(), time,
                        customer = new { name = "Racer", email = $"racer{attempt}@example.com" },
                    }),
                };
                if (attempt % 2 == 0) request.Headers.Add("Idempotency-Key", $"race-{name}-{attempt}");
                using var response = await (attempt % 2 == 0 ? firstClient : secondClient).SendAsync(request, ct);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode == 201) winners.AddOrUpdate((date, time), 1, (_, n) => n + 1);
            });

            output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} ×{s.Value}")));
            var warnings = logs.First.WarningsAndAbove.Concat(logs.Second.WarningsAndAbove).ToList();
            foreach (var line in warnings.Take(20)) output.WriteLine(line);

            Assert.Equal(Slots * AttemptsPerSlot, statuses.Values.Sum());
            Assert.Equal([201, 409], statuses.Keys.Order());
            Assert.Equal(Slots, statuses[201]);
            Assert.All(slots, slot => Assert.Equal(1, winners.GetValueOrDefault(slot)));
            Assert.Empty(warnings);
            await first.WithDbAsync(async db =>
            {
                Assert.Equal(Slots, await db.Appointments.CountAsync(a => a.CustomerEmail.StartsWith("racer")));
                var claims = await db.Set<AppointmentClaim>().Select(c => new { c.EmployeeId, c.CellStartUtc }).ToListAsync();
                Assert.Equal(claims.Count, claims.Distinct().Count());
            });
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private static AppFactory Instance(string name, CapturedLogs logs)
    {
        var app = new AppFactory(DatabaseKind.MariaDb, useRedis: true, sharedName: name);
        app.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs);
        return app;
    }

    private static async Task<(int ServiceId, int EmployeeId, List<(DateOnly, string)> Slots)> ArrangeAsync(HttpClient client)
    {
        var services = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var serviceId = services!.Single(s => s.GetProperty("name").GetString() == "Haircut").GetProperty("id").GetInt32();
        var employeeId = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees"))![0].GetProperty("id").GetInt32();
        var slots = new List<(DateOnly, string)>();
        for (var day = 1; slots.Count < Slots && day < 40; day++)
        {
            var date = TestDates.Weekday(day);
            var availability = await client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}");
            slots.AddRange(availability.GetProperty("slots").EnumerateArray()
                .Where(s => s.GetProperty("status").GetString() == "available")
                .Select(s => (date, s.GetProperty("time").GetString()!)));
        }
        Assert.True(slots.Count >= Slots, $"only {slots.Count} free slots");
        return (serviceId, employeeId, slots.Take(Slots).ToList());
    }
}
