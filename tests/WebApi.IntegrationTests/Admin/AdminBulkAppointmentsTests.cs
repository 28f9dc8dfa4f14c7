using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>
/// 10,000 appointments on MariaDB: cursor paging stays exact while rows are added, and the CSV export streams them all.
/// The export time is written to the test output (a measurement, not an assertion: timing belongs to benchmarks).
/// </summary>
public sealed class AdminBulkAppointmentsTests(AdminMariaDbAppFactory app, ITestOutputHelper output) : IClassFixture<AdminMariaDbAppFactory>
{
    private const int Count = 10_000;
    private readonly HttpClient _admin = app.CreateAdminClient();

    private async Task<(int Employee, int Service, DateTime FirstUtc)> SeedAsync()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        // Back-to-back 30-minute rows, 16 a day from tomorrow (about 21 months); every 7th shares its start with the previous one so
        // ties on start time exercise the id tie-breaker of the cursor.
        var first = DateTime.UtcNow.Date.AddDays(1).AddHours(6);
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < Count / 1000; batch++)
        {
            await app.WithDbAsync(async db =>
            {
                for (var i = batch * 1000; i < (batch + 1) * 1000; i++)
                {
                    var slot = i - i / 7;
                    var start = first.AddDays(slot / 16).AddMinutes(slot % 16 * 30);
                    db.Appointments.Add(AppointmentSeeder.New(haircut, employee, start, 30, $"Customer {i}, \"Nº{i}\" Zoë", $"c{i}@example.com",
                        i % 10 == 0 ? "Note with\nnewline" : null));
                }
                await db.SaveChangesAsync();
            });
        }
        output.WriteLine($"Inserted {Count} appointments in {watch.ElapsedMilliseconds} ms");
        return (employee, haircut, first);
    }

    [Fact]
    public async Task SearchAndExport_Over10000Appointments_AreCompleteAndExact()
    {
        var (employee, haircut, firstUtc) = await SeedAsync();
        var original = new HashSet<int>();
        await app.WithDbAsync(async db =>
        {
            foreach (var id in db.Appointments.Where(a => a.EmployeeId == employee).Select(a => a.Id)) original.Add(id);
            await Task.CompletedTask;
        });
        Assert.Equal(Count, original.Count);

        // Page through while rows are added both behind the cursor (must not appear) and far ahead (must appear once).
        var seen = new List<(DateTime Start, int Id)>();
        var addedAhead = new List<int>();
        string? cursor = null;
        var page = 0;
        do
        {
            var url = $"/api/v1/admin/appointments?employeeId={employee}&limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var result = await _admin.GetFromJsonAsync<JsonElement>(url);
            seen.AddRange(result.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("startUtc").GetDateTime().ToUniversalTime(), i.GetProperty("id").GetInt32())));
            cursor = result.GetProperty("nextCursor").GetString();
            if (page++ % 4 == 1)
            {
                var behind = AppointmentSeeder.New(haircut, employee, firstUtc.AddMinutes(-30 * page), 30, "Behind", "behind@example.com");
                var ahead = AppointmentSeeder.New(haircut, employee, firstUtc.AddYears(3).AddMinutes(30 * page), 30, "Ahead", "ahead@example.com");
                await app.WithDbAsync(async db => { db.Appointments.AddRange(behind, ahead); await db.SaveChangesAsync(); });
                addedAhead.Add(ahead.Id);
            }
        } while (cursor is not null);

        var ids = seen.Select(s => s.Id).ToList();
        output.WriteLine($"Paged {page} pages, {ids.Count} rows; last: {seen[^1]}; ahead ids {string.Join(",", addedAhead)}");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), original);
        Assert.Subset(ids.ToHashSet(), addedAhead.ToHashSet());
        Assert.DoesNotContain(seen, s => s.Start < firstUtc);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First.Start < p.Second.Start || (p.First.Start == p.Second.Start && p.First.Id < p.Second.Id)),
            "pages are not in (start, id) order");

        var watch = Stopwatch.StartNew();
        var response = await _admin.GetAsync($"/api/v1/admin/appointments/export.csv?employeeId={employee}&from={DateOnly.FromDateTime(firstUtc).AddDays(-1):yyyy-MM-dd}",
            HttpCompletionOption.ResponseHeadersRead);
        var firstByte = watch.ElapsedMilliseconds;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        output.WriteLine($"CSV export of {ids.Count + 0} rows: first byte after {firstByte} ms, complete ({bytes.Length / 1024} KiB) after {watch.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = rows[0].ToList();
        var exported = rows.Skip(1).Select(r => int.Parse(r[header.IndexOf("id")], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(rows, r => Assert.Equal(header.Count, r.Length));
        Assert.Subset(exported.ToHashSet(), original);
        Assert.Equal(exported.Count, exported.Distinct().Count());
        var withNote = rows.Skip(1).First(r => r[header.IndexOf("notes")].Length > 0);
        Assert.Equal("Note with\nnewline", withNote[header.IndexOf("notes")]);
        Assert.StartsWith("Customer ", withNote[header.IndexOf("customerName")]);
        Assert.EndsWith("\" Zoë", withNote[header.IndexOf("customerName")]);
    }
}
