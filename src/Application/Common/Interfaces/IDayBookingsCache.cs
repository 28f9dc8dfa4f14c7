using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// A short-lived copy of each day's bookings for reads that may be a moment old (heartbeat, select, lock,
/// availability), kept apart from <see cref="ISlotStateStore"/> so the store describes only slot state (decision 125).
/// Every entry is read with the day's booking version and filled only under that version, so a computation that raced
/// a booking change can never bring the old answer back (decision 071). Bookings and reschedules never read it.
/// </summary>
public interface IDayBookingsCache
{
    /// <summary>The day's cached bookings, or a miss, with the day's booking version read in the same step.</summary>
    ValueTask<DayBookingsCacheEntry> GetAsync(DateOnly date, int employeeId, CancellationToken cancellationToken);

    /// <summary>
    /// Remembers the day's bookings, but only while the day's booking version is still <paramref name="version"/>, the
    /// one read with the miss: a booking that changed the day in between has dropped the entry after its commit, and
    /// this older computation must not bring it back.
    /// </summary>
    ValueTask SetAsync(DateOnly date, int employeeId, CachedDayBookings bookings, long version, CancellationToken cancellationToken);
}

/// <summary>
/// A day's bookings as the cache keeps them: the starts a booking blocks for a one-grid-step hold (what the heartbeat,
/// select and lock need, ready to use) and the busy intervals they came from (what availability needs for any service).
/// </summary>
public sealed record CachedDayBookings(IReadOnlyList<TimeOnly> BookedStarts, IReadOnlyList<BusyInterval> Busy);

/// <summary>
/// The day's cached bookings, or null on a miss, with the booking version read at the same moment. <paramref name="Versioned"/>
/// when a cache read the version (a miss without one, as when there is no cache, cannot tell a read that started before a
/// booking change from one after it).
/// </summary>
public sealed record DayBookingsCacheEntry(CachedDayBookings? Bookings, long Version, bool Versioned = false)
{
    public static readonly DayBookingsCacheEntry Miss = new(null, 0);
}
