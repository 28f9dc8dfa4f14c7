using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.Appointments;

/// <summary>
/// What follows a committed booking change: release the hold, drop cached availability and announce the change, wake
/// the mail dispatcher. None of it may fail the request: the booking is already durable, a stale lock expires by TTL
/// and the outbox is retried by the dispatch loop anyway. Runs after the command's commit (<see cref="IAfterCommit"/>):
/// dropping a cache before the commit would let a reader cache the old state again.
/// </summary>
public sealed class BookingAftermath(ISlotStateStore slotState, ISlotChangeNotifier notifier, IEmailDispatcher dispatcher, IAfterCommit afterCommit,
    ILogger<BookingAftermath> logger)
{
    public Task RunAsync(SlotKey? lockToRelease, IEnumerable<(DateOnly Date, int EmployeeId)> changedDays)
    {
        var days = changedDays.Distinct().ToList();
        return afterCommit.RunAfterCommitAsync(() => RunNowAsync(lockToRelease, days));
    }

    /// <summary>
    /// The days are announced (cached bookings dropped) before the hold is released (decision 141): a reader between the
    /// two sees the slot still held and already booked, never free. The other order left a moment in which the hold was
    /// gone but the cached bookings did not yet have the booking, so a heartbeat could show the slot free and a lock could
    /// be granted on it.
    /// </summary>
    private async Task RunNowAsync(SlotKey? lockToRelease, IReadOnlyList<(DateOnly Date, int EmployeeId)> changedDays)
    {
        foreach (var (date, employeeId) in changedDays)
        {
            try { await notifier.SlotsChangedAsync(date, employeeId, CancellationToken.None); }
            catch (Exception ex) { logger.LogWarning(ex, "Could not announce slot change for {Date} employee {EmployeeId}", date, employeeId); }
        }
        if (lockToRelease is { } slot)
        {
            try { await slotState.ClearLockAsync(slot, CancellationToken.None); }
            catch (Exception ex) { logger.LogWarning(ex, "Could not release the lock on {Slot} after commit; it expires by TTL", slot); }
        }
        dispatcher.Nudge();
    }
}
