using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.SelectSlot;

/// <summary>A visitor looks at a slot; others see it as "selected" until the selection TTL runs out (heartbeats refresh it).</summary>
public sealed record SelectSlotCommand(string? Date, int EmployeeId, string? Time, string? ClientId) : ICommand<Result<SelectionDto>>;

public sealed class SelectSlotHandler(SlotGuard guard, ISlotStateStore store, ISettingsProvider settings, AppointEaseMetrics metrics)
    : ICommandHandler<SelectSlotCommand, Result<SelectionDto>>
{
    public async ValueTask<Result<SelectionDto>> Handle(SelectSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await guard.HoldableAsync(command.Date!, command.EmployeeId, command.Time!, cancellationToken);
        if (!slot.IsSuccess) return slot.Error;
        var ttl = (await settings.GetAsync(cancellationToken)).SelectionTtl;
        var outcome = await store.SelectAsync(slot.Value, ClientId.Parse(command.ClientId!), ttl, cancellationToken);
        if (outcome == SelectOutcome.LockedByOther)
            return new Error(ErrorKind.Conflict, "slot_locked", "Another visitor is booking this slot.", "time");
        metrics.SlotSelected();
        return new SelectionDto((int)ttl.TotalSeconds);
    }
}
