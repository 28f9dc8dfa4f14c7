using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>
/// SQL mode caches no availability and has no pub/sub: the only thing to drop is the SQL store's shared read of the
/// day (decision 128), so this instance's next heartbeat shows the booking at once.
/// </summary>
internal sealed class NoCacheSlotChangeNotifier(SqlSlotStateStore sqlStore) : ISlotChangeNotifier
{
    public ValueTask SlotsChangedAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        sqlStore.DayChanged(date, employeeId);
        return ValueTask.CompletedTask;
    }
}
