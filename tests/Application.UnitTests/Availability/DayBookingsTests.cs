using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.UnitTests.Availability;

/// <summary>
/// The read-through over <see cref="IDayBookingsCache"/>: a hit is served as it is, a miss is read from SQL and offered
/// back under the version the miss read (decision 071); bookings the SQL store already read are never cached; misses of
/// one day and version share one read (decision 147).
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

    [Fact]
    public async Task ConcurrentMisses_OfTheSameDayAndVersion_ShareOneReadAndOneFill()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        _world.BookingsCache.HoldFills = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = GetAsync();
        await WaitForFillsAsync(1); // its SQL read is done; its fill is still in flight
        var others = Enumerable.Range(0, 20).Select(_ => GetAsync()).ToList();
        await Task.Delay(50);
        _world.BookingsCache.HoldFills.SetResult();

        var all = await Task.WhenAll([first, .. others]);
        Assert.All(all, day => Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], day.BookedStarts));
        Assert.Single(_world.BookingsCache.Fills);
    }

    [Fact]
    public async Task AMissOfANewerVersion_DoesNotJoinARead_ThatStartedBeforeTheBookingChange()
    {
        _world.BookingsCache.HoldFills = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var beforeTheBooking = GetAsync();
        await WaitForFillsAsync(1);
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        _world.BookingsCache.CurrentVersion = FakeDayBookingsCache.Version + 1; // the booking bumped the day's version

        var afterTheBooking = GetAsync();
        await WaitForFillsAsync(2);
        _world.BookingsCache.HoldFills.SetResult();

        Assert.Empty((await beforeTheBooking).BookedStarts);
        Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], (await afterTheBooking).BookedStarts);
    }

    [Fact]
    public async Task MissesWithoutAVersion_AreNotShared()
    {
        _world.BookingsCache.Versioned = false; // no cache, or SQL mode: nothing tells an older read from a newer one
        _world.BookingsCache.HoldFills = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = GetAsync();
        await WaitForFillsAsync(1);

        var second = GetAsync();
        await WaitForFillsAsync(2);
        _world.BookingsCache.HoldFills.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(2, _world.BookingsCache.Fills.Count);
    }

    private async Task WaitForFillsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (_world.BookingsCache.Fills)
                if (_world.BookingsCache.Fills.Count >= count) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"fewer than {count} fills");
            await Task.Delay(5);
        }
    }
}
