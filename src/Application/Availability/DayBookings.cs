using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Availability;

/// <summary>
/// A day's bookings for reads that may be a moment old: the <see cref="IDayBookingsCache"/> entry of the day when there
/// is one (Redis, dropped on every booking change), else SQL, then offered back to the cache under the version read with
/// the miss, so a computation that raced a booking cannot overwrite that booking's invalidation (decision 071). Bookings
/// and reschedules do not use this: they read SQL inside their own checks.
/// </summary>
public sealed class DayBookings(ScheduleReader scheduleReader, IDayBookingsCache cache, SharedDayBookingsReads sharedReads, TimeProvider clock)
{
    public async Task<CachedDayBookings> GetAsync(SchedulingPolicy policy, DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        var cached = await cache.GetAsync(date, employeeId, cancellationToken);
        return cached.Bookings ?? await LoadAndCacheAsync(policy, date, employeeId, cached, cancellationToken);
    }

    /// <summary>
    /// The cache's entry of the day, hit or miss. Callers that also read the day's slot state start both before awaiting
    /// either: on Redis both commands carry the day's hash tag and travel in one round trip (decision 125).
    /// </summary>
    public ValueTask<DayBookingsCacheEntry> LookUpAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) =>
        cache.GetAsync(date, employeeId, cancellationToken);

    /// <summary>
    /// After a cache miss: one SQL query, then the cache is filled under the version the miss read. Misses of the same day
    /// and version on this instance share one query and one fill (<see cref="SharedDayBookingsReads"/>).
    /// </summary>
    public Task<CachedDayBookings> LoadAndCacheAsync(SchedulingPolicy policy, DateOnly date, int employeeId, DayBookingsCacheEntry miss,
        CancellationToken cancellationToken) =>
        miss.Versioned
            ? sharedReads.ShareAsync(date, employeeId, miss.Version,
                () => ReadAndCacheAsync(policy, date, employeeId, miss.Version, CancellationToken.None), cancellationToken)
            : ReadAndCacheAsync(policy, date, employeeId, miss.Version, cancellationToken);

    private async Task<CachedDayBookings> ReadAndCacheAsync(SchedulingPolicy policy, DateOnly date, int employeeId, long cacheVersion,
        CancellationToken cancellationToken)
    {
        var plan = (await scheduleReader.LoadAsync(policy, employeeId, date, date, null, cancellationToken))[0];
        return await CacheAsync(policy, plan, employeeId, cacheVersion, cancellationToken);
    }

    /// <summary>Fills the cache from a plan read with its bookings from SQL after a miss that read <paramref name="cacheVersion"/>.</summary>
    public async Task<CachedDayBookings> CacheAsync(SchedulingPolicy policy, DayPlan plan, int employeeId, long cacheVersion,
        CancellationToken cancellationToken)
    {
        var bookings = Compute(policy, plan);
        await cache.SetAsync(plan.Date, employeeId, bookings, cacheVersion, cancellationToken);
        return bookings;
    }

    /// <summary>
    /// From bookings the store read itself in the heartbeat's round trip (SQL mode, decision 066): no query while the
    /// catalogue is cached, and nothing to cache (SQL mode keeps no copy).
    /// </summary>
    public async Task<CachedDayBookings> FromBookingsAsync(SchedulingPolicy policy, DateOnly date, int employeeId,
        IReadOnlyList<ConfirmedBooking> bookings, CancellationToken cancellationToken) =>
        Compute(policy, await scheduleReader.PlanDayAsync(policy, employeeId, date, bookings, cancellationToken));

    private CachedDayBookings Compute(SchedulingPolicy policy, DayPlan plan)
    {
        var bookedStarts = SlotGrid.Calculate(policy, policy.OneGridStep, plan, clock.GetUtcNow()).Where(s => s.Booked).Select(s => s.Time).ToList();
        return new CachedDayBookings(bookedStarts, plan.Busy);
    }
}
