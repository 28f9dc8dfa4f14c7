using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>SQL mode caches no availability and has no pub/sub, so there is nothing to drop or announce.</summary>
internal sealed class NoCacheSlotChangeNotifier : ISlotChangeNotifier
{
    public ValueTask SlotsChangedAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
