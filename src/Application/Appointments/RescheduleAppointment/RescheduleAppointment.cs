using AppointEase.Application.Availability;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Appointments;
using Mediator;

namespace AppointEase.Application.Appointments.RescheduleAppointment;

/// <summary>
/// Moves an appointment to a slot the caller holds a lock on (same employee unless <see cref="EmployeeId"/> is given).
/// The old cells are released and the new ones claimed in one transaction; the move is kept in the history.
/// </summary>
public sealed record RescheduleAppointmentCommand(int Id, string? Date, string? Time, string? LockToken, string? ClientId, int? EmployeeId, string? ManageToken)
    : ICommand<Result<AppointmentDto>>, ITransactionalCommand;

public sealed class RescheduleAppointmentHandler(
    AppointmentChanges changes,
    RescheduleSlotCheck slots,
    AppointmentClaims claims,
    BookingNotices notices,
    BookingAftermath aftermath,
    AppointEaseMetrics metrics) : ICommandHandler<RescheduleAppointmentCommand, Result<AppointmentDto>>
{
    public async ValueTask<Result<AppointmentDto>> Handle(RescheduleAppointmentCommand command, CancellationToken cancellationToken)
    {
        if (await changes.FindAsync(command.Id, command.ManageToken, cancellationToken) is not { } change) return AppointmentAccess.NotFound;
        var (appointment, business, now) = change;
        if (appointment.IsCancelled) return BookingErrors.Cancelled;
        if (changes.TooLateToChange(change)) return BookingErrors.TooLateToChange;

        var target = await slots.CheckAsync(appointment, command, cancellationToken);
        if (!target.IsSuccess) return target.Error;
        var (service, employeeName, slot, grid) = target.Value;

        var oldDay = (AppointmentDto.LocalDate(appointment, business.Policy), appointment.EmployeeId);
        // Keep the customer's link working when they used it; otherwise (session, admin) the email needs a fresh one.
        var manageToken = AppointmentAccess.HoldsToken(appointment, command.ManageToken) ? command.ManageToken : null;
        if (manageToken is null)
        {
            (manageToken, var hash) = ManageToken.New();
            appointment.ReplaceManageTokenHash(hash);
        }
        // Release first: the new cells may overlap the old ones (a move by half an hour).
        await claims.ReleaseAsync(appointment.Id, cancellationToken);
        appointment.Reschedule(slot.EmployeeId, grid.StartUtc, grid.EndUtc, now);
        claims.Claim(appointment, slot.EmployeeId, grid, AvailabilityCalculator.FootprintOf(service), business.Policy.SlotMinutes);
        await notices.SendAsync(new BookingEmailFacts(BookingEmailKind.Reschedule, appointment, service.Name, employeeName, business, manageToken),
            now, cancellationToken);
        if (await claims.SaveAsync(claimsAdded: true, cancellationToken) is { } refused) return refused;

        await aftermath.RunAsync(slot, [oldDay, (slot.Date, slot.EmployeeId)]);
        metrics.BookingRescheduled();
        return AppointmentDto.From(appointment, business.Policy);
    }
}
