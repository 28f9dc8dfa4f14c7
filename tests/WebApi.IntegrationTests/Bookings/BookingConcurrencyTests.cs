using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>Races settled by the database's unique keys, on MariaDB where requests truly run in parallel.</summary>
public sealed class BookingConcurrencyTests(BookingMariaDbFactory app) : IClassFixture<BookingMariaDbFactory>
{
    private const int Racers = 50;
    private readonly BookingApi _api = new(app, app.CreateClient());

    [Fact]
    public async Task FiftyConcurrentConfirms_WithoutLockTokens_ExactlyOneSucceeds()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));

        var statuses = await RaceAsync(i => _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: $"racer{i}@example.com")));

        AssertOneWinner(statuses);
        await AssertOneAppointmentOnAsync(date);
    }

    [Fact]
    public async Task FiftyConcurrentConfirms_WithTheSameLockToken_ExactlyOneSucceeds()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(1));
        var token = (await _api.LockAsync(date, alex, "11:00", "client-double-click")).ToString();

        var statuses = await RaceAsync(i => _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "11:00", lockToken: token, email: $"racer{i}@example.com")));

        AssertOneWinner(statuses);
        await AssertOneAppointmentOnAsync(date);
    }

    [Fact]
    public async Task ConcurrentOverlappingServices_HourAtTenAndHalfHourAtTenThirty_OnlyOneIsBooked()
    {
        var (consultation, haircut, alex, date) = (await _api.ServiceIdAsync("Consultation"), await _api.ServiceIdAsync("Haircut"),
            await _api.EmployeeIdAsync(), TestDates.Weekday(2));

        var statuses = await RaceAsync(i => i % 2 == 0
            ? _api.ConfirmAsync(BookingApi.Body(consultation, alex, date, "10:00", email: $"long{i}@example.com"))
            : _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:30", email: $"short{i}@example.com")));

        AssertOneWinner(statuses);
        await AssertOneAppointmentOnAsync(date);
    }

    [Fact]
    public async Task TwoConcurrentRequestsWithOneIdempotencyKey_BookOnce()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(3));
        var key = "dup-" + Guid.NewGuid().ToString("N");
        var body = BookingApi.Body(haircut, alex, date, "14:00");

        var responses = await Task.WhenAll(_api.ConfirmAsync(body, key), _api.ConfirmAsync(body, key));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed")));
        var other = responses.Single(r => r.StatusCode != HttpStatusCode.Created || r.Headers.Contains("Idempotent-Replayed"));
        if (other.StatusCode == HttpStatusCode.Created)
            Assert.Equal("true", other.Headers.GetValues("Idempotent-Replayed").Single());
        else
            Assert.Equal("idempotency_key_in_flight", (await other.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        await AssertOneAppointmentOnAsync(date);

        var replay = await _api.ConfirmAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task RescheduleRacingConfirmsForAnOverlappingSlot_OnlyOneTakesTheCell()
    {
        var (consultation, haircut, alex, date) = (await _api.ServiceIdAsync("Consultation"), await _api.ServiceIdAsync("Haircut"),
            await _api.EmployeeIdAsync(), TestDates.Weekday(4));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(consultation, alex, date, "09:00", email: "mover@example.com"));
        var id = booked.GetProperty("id").GetInt32();
        var lockToken = (await _api.LockAsync(date, alex, "14:00", "client-racing-mover")).ToString();

        // The 60-minute move to 14:00 needs the 14:30 cell that every haircut racer wants as well.
        var statuses = await RaceAsync(i => i == 0
            ? _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
                new { date = date.Text(), time = "14:00", lockToken, clientId = "client-racing-mover" },
                manageToken: booked.GetProperty("manageToken").GetString())
            : _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "14:30", email: $"racer{i}@example.com")));

        Assert.Equal(1, statuses.Count(s => s is HttpStatusCode.OK or HttpStatusCode.Created));
        await app.WithDbAsync(async db =>
        {
            var from = date.ToDateTime(TimeOnly.MinValue);
            var to = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var claims = await db.Set<AppointmentClaim>().Where(c => c.CellStartUtc >= from && c.CellStartUtc < to).ToListAsync();
            Assert.Equal(claims.Count, claims.Select(c => c.CellStartUtc).Distinct().Count());
            var moved = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
            // Either the move won (its two cells in the afternoon) or it kept its morning cells: never both, never none.
            Assert.Equal(2, claims.Count(c => c.AppointmentId == id));
            Assert.All(claims.Where(c => c.AppointmentId == id), c => Assert.True(c.CellStartUtc >= moved.StartUtc && c.CellStartUtc < moved.EndUtc));
        });
    }

    private static async Task<HttpStatusCode[]> RaceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var response = await send(i);
            if (response.StatusCode is not HttpStatusCode.Created and not HttpStatusCode.OK and not HttpStatusCode.Conflict)
                Assert.Fail($"Unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return response.StatusCode;
        })).ToList();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static void AssertOneWinner(HttpStatusCode[] statuses)
    {
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Racers - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    private Task AssertOneAppointmentOnAsync(DateOnly date) => app.WithDbAsync(async db =>
    {
        var from = date.ToDateTime(TimeOnly.MinValue);
        var to = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var ids = await db.Appointments.Where(a => a.StartUtc >= from && a.StartUtc < to).Select(a => a.Id).ToListAsync();
        Assert.Single(ids);
        Assert.All(await db.Set<AppointmentClaim>().Where(c => c.CellStartUtc >= from && c.CellStartUtc < to).ToListAsync(),
            c => Assert.Equal(ids[0], c.AppointmentId));
    });
}
