using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.Slots.GetHeartbeatSnapshot;

/// <summary>The day as one heartbeat sees it: live selections and locks, and the booked starts.</summary>
public sealed record HeartbeatDay(DaySlotState Live, IReadOnlyList<TimeOnly> BookedStarts);

/// <summary>
/// The heartbeat's store call (the per-client count, the optional selection refresh and the day's state) and where its
/// booked starts come from: the day-bookings cache, else the bookings the SQL store read in the store call's own round
/// trip (decision 066), else SQL, then cached (<see cref="DayBookings"/>).
/// </summary>
public sealed class HeartbeatDayReader(ISlotStateStore store, HeartbeatRateLimit limit, DayBookings dayBookings)
{
    /// <summary>The day, or a 429 when the client is over its limit (the refused heartbeat changed nothing, decision 025).</summary>
    public async Task<Result<HeartbeatDay>> ReadAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime,
        BusinessSettingsSnapshot business, CancellationToken cancellationToken)
    {
        // Both calls leave before either is awaited, so on Redis the script and the cache read are pipelined: one network
        // round trip (decision 125). The slot state goes first: a booking drops the day's cache and only then clears its
        // lock (decision 141), so a state read that no longer sees the lock is followed by a cache read that misses and
        // finds the booking in SQL; the slot never reads as free in between.
        var heartbeat = store.HeartbeatAsync(date, employeeId, client, selectedTime, business.SelectionTtl, limit.Rule, cancellationToken);
        var lookUp = dayBookings.LookUpAsync(date, employeeId, cancellationToken);
        var outcome = await heartbeat;
        var cached = await lookUp;
        if (!outcome.Allowed) return Error.RateLimited(outcome.Limit.RetryAfter);
        var live = outcome.Day;
        return new HeartbeatDay(live, await BookedStartsAsync(live, cached, business.Policy, date, employeeId, cancellationToken));
    }

    /// <summary>
    /// The booked starts that go with a day read from the store: the cached bookings read beside it, the bookings the
    /// store read in the same round trip, else SQL (then cached). The slot stream's shared day read uses it too, so both
    /// see the same starts.
    /// </summary>
    public async Task<IReadOnlyList<TimeOnly>> BookedStartsAsync(DaySlotState live, DayBookingsCacheEntry cached, SchedulingPolicy policy,
        DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        var booked = cached.Bookings
                     ?? (live.Bookings is { } read
                         ? await dayBookings.FromBookingsAsync(policy, date, employeeId, read, cancellationToken)
                         : await dayBookings.LoadAndCacheAsync(policy, date, employeeId, cached, cancellationToken));
        return booked.BookedStarts;
    }
}
