using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.DeselectSlot;

/// <summary>Drops the visitor's selection of that slot (idempotent: nothing selected is fine).</summary>
public sealed record DeselectSlotCommand(string? Date, int EmployeeId, string? Time, string? ClientId) : ICommand<Result<Done>>;

public sealed class DeselectSlotHandler(SlotGuard guard, ISlotStateStore store) : ICommandHandler<DeselectSlotCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeselectSlotCommand command, CancellationToken cancellationToken)
    {
        if (await guard.EmployeeExistsAsync(command.EmployeeId, cancellationToken) is { } missing) return missing;
        var slot = new SlotKey(Formats.ParseDate(command.Date!), command.EmployeeId, Formats.ParseTime(command.Time!));
        await store.DeselectAsync(slot, ClientId.Parse(command.ClientId!), cancellationToken);
        return new Done();
    }
}
