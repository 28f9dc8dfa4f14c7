using System.Collections.Concurrent;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Application.Availability;

/// <summary>
/// One SQL read of a day's bookings at a time per day and booking version on this instance (decision 147). When a
/// booking drops a day from the day-bookings cache, or its entry runs out, every heartbeat, select and lock watching
/// that day misses at once; they now share the first one's read and its one fill instead of each reading SQL. Keyed by
/// the version the misses read with the cache, so a read that started before a booking change is never handed to a
/// request that read the newer version. Misses without a version (no cache, SQL mode) are not shared.
/// </summary>
public sealed class SharedDayBookingsReads
{
    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId, long Version), Task<CachedDayBookings>> _inFlight = new();

    /// <summary>
    /// Joins the read under way for this day and version, or runs <paramref name="read"/> as it. The first caller's read is
    /// not cancelled with that caller: the others wait for it (each stops waiting on its own cancellation).
    /// </summary>
    public async Task<CachedDayBookings> ShareAsync(DateOnly date, int employeeId, long version, Func<Task<CachedDayBookings>> read,
        CancellationToken cancellationToken)
    {
        var key = (date, employeeId, version);
        var mine = new TaskCompletionSource<CachedDayBookings>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = _inFlight.GetOrAdd(key, mine.Task);
        if (current != mine.Task) return await current.WaitAsync(cancellationToken);
        try
        {
            var bookings = await read();
            mine.SetResult(bookings);
            return bookings;
        }
        catch (Exception ex)
        {
            mine.SetException(ex); // those who joined fail as this read did; the next miss reads afresh
            _ = mine.Task.Exception;
            throw;
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, mine.Task));
        }
    }
}
