namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Called after a change that alters a day's booked cells (confirm, reschedule, cancel, admin edits): drops any cached
/// availability of that day and employee and tells listeners (Redis pub/sub) so no client sees a stale slot.
/// </summary>
public interface ISlotChangeNotifier
{
    ValueTask SlotsChangedAsync(DateOnly date, int employeeId, CancellationToken cancellationToken);
}
