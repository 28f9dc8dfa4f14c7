using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Slots;

/// <summary>
/// The starts of a day's grid that a booking blocks, with a one-step footprint (neither the heartbeat nor a hold knows
/// the service). Served from the store's cache of the day when it has one (Redis, dropped on every booking change),
/// else computed from SQL and offered back to the cache under the version read with the miss, so a computation that
/// raced a booking cannot overwrite that booking's invalidation (decision 071).
/// </summary>
public sealed class BookedStarts(ScheduleReader scheduleReader, ISlotStateStore store, TimeProvider clock)
{
    public async Task<IReadOnlyList<TimeOnly>> GetAsync(SchedulingPolicy policy, DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        var cached = await store.GetCachedBookedSlotsAsync(date, employeeId, cancellationToken);
        return cached.Slots ?? await LoadAndCacheAsync(policy, date, employeeId, cached.Version, cancellationToken);
    }

    /// <summary>After a cache miss that read <paramref name="cacheVersion"/>: one SQL query, then the cache is filled.</summary>
    public async Task<IReadOnlyList<TimeOnly>> LoadAndCacheAsync(SchedulingPolicy policy, DateOnly date, int employeeId, long cacheVersion,
        CancellationToken cancellationToken)
    {
        var plan = (await scheduleReader.LoadAsync(policy, employeeId, date, date, null, cancellationToken))[0];
        var booked = SlotGrid.Calculate(policy, new ServiceFootprint(policy.SlotMinutes, 0, 0), plan, clock.GetUtcNow())
            .Where(s => s.Booked).Select(s => s.Time).ToList();
        await store.CacheBookedSlotsAsync(date, employeeId, booked, cacheVersion, cancellationToken);
        return booked;
    }
}
