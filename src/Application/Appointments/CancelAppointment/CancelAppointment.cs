using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.CancelAppointment;

/// <summary>Cancels an appointment and frees its cells. Cancelling a cancelled appointment changes nothing and succeeds.</summary>
public sealed record CancelAppointmentCommand(int Id, string? ManageToken) : ICommand<Result<AppointmentDto>>, ITransactionalCommand;

public sealed class CancelAppointmentHandler(
    IAppDbContext db,
    AppointmentAccess access,
    ISettingsProvider settings,
    IPersistenceErrors persistence,
    IEmailOutbox outbox,
    IBookingEmailComposer emails,
    BookingAftermath aftermath,
    BookingWebhooks webhooks,
    AppointEaseMetrics metrics,
    TimeProvider clock) : ICommandHandler<CancelAppointmentCommand, Result<AppointmentDto>>
{
    public async ValueTask<Result<AppointmentDto>> Handle(CancelAppointmentCommand command, CancellationToken cancellationToken)
    {
        var business = await settings.GetAsync(cancellationToken);
        var appointment = await access.FindAsync(command.Id, command.ManageToken, forUpdate: true, cancellationToken);
        if (appointment is null) return AppointmentAccess.NotFound;
        if (appointment.IsCancelled) return AppointmentDto.From(appointment, business.Policy);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!access.IsAdmin && now.AddMinutes(business.ChangeCutoffMinutes) > appointment.StartUtc) return BookingErrors.TooLateToChange;

        var names = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId)
            .Select(s => new { Service = s.Name, Employee = db.Employees.Where(e => e.Id == appointment.EmployeeId).Select(e => e.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var manageToken = AppointmentAccess.HoldsToken(appointment, command.ManageToken) ? command.ManageToken : null;
        try
        {
            await db.Set<AppointmentClaim>().Where(c => c.AppointmentId == appointment.Id).ExecuteDeleteAsync(cancellationToken);
            appointment.Cancel(now);
            outbox.Enqueue(emails.Compose(new BookingEmailFacts(BookingEmailKind.Cancellation, appointment, names.Service, names.Employee ?? "",
                business, manageToken), now));
            await webhooks.RaiseAsync(WebhookEventTypes.BookingCancelled, appointment, names.Service, names.Employee ?? "", business, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (persistence.IsConcurrencyConflict(ex))
        {
            persistence.DiscardTrackedChanges();
            return BookingErrors.ChangedMeanwhile;
        }
        await aftermath.RunAsync(null, [(AppointmentDto.LocalDate(appointment, business.Policy), appointment.EmployeeId)]);
        metrics.BookingCancelled();
        return AppointmentDto.From(appointment, business.Policy);
    }
}
