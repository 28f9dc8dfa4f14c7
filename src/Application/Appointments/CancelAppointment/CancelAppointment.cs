using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using Mediator;

namespace AppointEase.Application.Appointments.CancelAppointment;

/// <summary>Cancels an appointment and frees its cells. Cancelling a cancelled appointment changes nothing and succeeds.</summary>
public sealed record CancelAppointmentCommand(int Id, string? ManageToken) : ICommand<Result<AppointmentDto>>, ITransactionalCommand;

public sealed class CancelAppointmentHandler(
    AppointmentChanges changes,
    AppointmentClaims claims,
    BookingNotices notices,
    BookingAftermath aftermath,
    AppointEaseMetrics metrics) : ICommandHandler<CancelAppointmentCommand, Result<AppointmentDto>>
{
    public async ValueTask<Result<AppointmentDto>> Handle(CancelAppointmentCommand command, CancellationToken cancellationToken)
    {
        if (await changes.FindAsync(command.Id, command.ManageToken, cancellationToken) is not { } change) return AppointmentAccess.NotFound;
        var (appointment, business, now) = change;
        if (appointment.IsCancelled) return AppointmentDto.From(appointment, business.Policy);
        if (changes.TooLateToChange(change)) return BookingErrors.TooLateToChange;

        var names = await notices.NamesAsync(appointment, cancellationToken);
        var manageToken = AppointmentAccess.HoldsToken(appointment, command.ManageToken) ? command.ManageToken : null;
        await claims.ReleaseAsync(appointment.Id, cancellationToken);
        appointment.Cancel(now);
        await notices.SendAsync(new BookingEmailFacts(BookingEmailKind.Cancellation, appointment, names.Service, names.Employee, business, manageToken),
            now, cancellationToken);
        if (await claims.SaveAsync(claimsAdded: false, cancellationToken) is { } refused) return refused;

        await aftermath.RunAsync(null, [(AppointmentDto.LocalDate(appointment, business.Policy), appointment.EmployeeId)]);
        metrics.BookingCancelled();
        return AppointmentDto.From(appointment, business.Policy);
    }
}
