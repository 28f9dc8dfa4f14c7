using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.UnitTests.Availability;

/// <summary>
/// The read-through over <see cref="IDayBookingsCache"/>: a hit is served as it is, a miss is read from SQL and offered
/// back under the version the miss read (decision 071); bookings the SQL store already read are never cached.
/// </summary>
public sealed class DayBookingsTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<CachedDayBookings> GetAsync() =>
        await _world.Get<DayBookings>().GetAsync((await _world.Settings.GetAsync(default)).Policy, TestWorld.Tomorrow, _world.EmployeeId, default);

    [Fact]
    public async Task Get_OnAHit_ServesTheCachedDay_AndFillsNothing()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        _world.BookingsCache.Cached = new CachedDayBookings([new TimeOnly(16, 0)], []);

        var day = await GetAsync();

        Assert.Equal([new TimeOnly(16, 0)], day.BookedStarts); // the cached answer, not SQL's 14:00
        Assert.Empty(_world.BookingsCache.Fills);
    }

    [Fact]
    public async Task Get_OnAMiss_ReadsSql_AndFillsTheCacheUnderTheVersionTheMissRead()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));

        var day = await GetAsync();

        Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], day.BookedStarts);
        var fill = Assert.Single(_world.BookingsCache.Fills);
        Assert.Equal((TestWorld.Tomorrow, _world.EmployeeId, FakeDayBookingsCache.Version), (fill.Date, fill.EmployeeId, fill.Version));
        Assert.Equal(day, fill.Bookings);
        Assert.Single(fill.Bookings.Busy);
    }

    [Fact]
    public async Task FromBookings_TheSqlStoreRead_CachesNothing()
    {
        var policy = (await _world.Settings.GetAsync(default)).Policy;
        var start = policy.ToUtc(TestWorld.Tomorrow, new TimeOnly(10, 0))!.Value;

        var day = await _world.Get<DayBookings>().FromBookingsAsync(policy, TestWorld.Tomorrow, _world.EmployeeId,
            [new ConfirmedBooking(start, start.AddMinutes(30), 0, 0)], default);

        Assert.Equal([new TimeOnly(10, 0), new TimeOnly(10, 15)], day.BookedStarts);
        Assert.Equal(0, _world.BookingsCache.Reads);
        Assert.Empty(_world.BookingsCache.Fills);
    }
}
