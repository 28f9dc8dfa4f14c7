using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.BookingsCache;

namespace AppointEase.Infrastructure.IntegrationTests.BookingsCache;

/// <summary>Without Redis (SQL mode by configuration) nothing is cached, for any length of time.</summary>
public sealed class NoDayBookingsCacheTests
{
    [Fact]
    public async Task AFill_IsForgotten_EveryReadIsAMissAtVersionZero()
    {
        IDayBookingsCache cache = new NoDayBookingsCache();
        var date = new DateOnly(2026, 12, 2);

        await cache.SetAsync(date, 1, new CachedDayBookings([new TimeOnly(9, 0)], []), 0, default);

        Assert.Equal(DayBookingsCacheEntry.Miss, await cache.GetAsync(date, 1, default));
    }
}
