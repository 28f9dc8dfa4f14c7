using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.BookingsCache;

/// <summary>
/// Without Redis nothing is cached: every read is a miss (the heartbeat then uses the bookings the SQL store read in its
/// own command, decision 066; select, lock and availability read SQL) and every fill is dropped.
/// </summary>
internal sealed class NoDayBookingsCache : IDayBookingsCache
{
    public ValueTask<DayBookingsCacheEntry> GetAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DayBookingsCacheEntry.Miss);

    public ValueTask SetAsync(DateOnly date, int employeeId, CachedDayBookings bookings, long version, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
