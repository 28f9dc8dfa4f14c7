using AppointEase.Application.Availability;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.RescheduleAppointment;

/// <summary>
/// Moves an appointment to a slot the caller holds a lock on (same employee unless <see cref="EmployeeId"/> is given).
/// The old cells are released and the new ones claimed in one transaction; the move is kept in the history.
/// </summary>
public sealed record RescheduleAppointmentCommand(int Id, string? Date, string? Time, string? LockToken, string? ClientId, int? EmployeeId, string? ManageToken)
    : ICommand<Result<AppointmentDto>>, ITransactionalCommand;

public sealed class RescheduleAppointmentHandler(
    IAppDbContext db,
    AppointmentAccess access,
    AvailabilityCalculator calculator,
    ISlotStateStore slotState,
    ISettingsProvider settings,
    IPersistenceErrors persistence,
    IEmailOutbox outbox,
    IBookingEmailComposer emails,
    BookingAftermath aftermath,
    BookingWebhooks webhooks,
    AppointEaseMetrics metrics,
    TimeProvider clock) : ICommandHandler<RescheduleAppointmentCommand, Result<AppointmentDto>>
{
    public async ValueTask<Result<AppointmentDto>> Handle(RescheduleAppointmentCommand command, CancellationToken cancellationToken)
    {
        var business = await settings.GetAsync(cancellationToken);
        var appointment = await access.FindAsync(command.Id, command.ManageToken, forUpdate: true, cancellationToken);
        if (appointment is null) return AppointmentAccess.NotFound;
        if (appointment.IsCancelled) return BookingErrors.Cancelled;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!access.IsAdmin && now.AddMinutes(business.ChangeCutoffMinutes) > appointment.StartUtc) return BookingErrors.TooLateToChange;

        var employeeId = command.EmployeeId ?? appointment.EmployeeId;
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var employee = await db.Employees.AsNoTracking()
            .Where(e => e.Id == employeeId && e.IsActive)
            .Select(e => new { e.Name, Offers = e.Services.Any(s => s.Id == appointment.ServiceId) })
            .FirstOrDefaultAsync(cancellationToken);
        if (employee is null) return BookingErrors.EmployeeNotFound(employeeId);
        if (!employee.Offers) return BookingErrors.ServiceNotOffered;

        var slot = new SlotKey(Formats.ParseDate(command.Date!), employeeId, Formats.ParseTime(command.Time!));
        if (!LockToken.TryParse(command.LockToken, out var token) || token.Slot != slot) return BookingErrors.LockTokenMismatch;
        var held = await slotState.GetLockAsync(slot, cancellationToken);
        if (held is null || !held.IsOwnedBy(token, ClientId.Parse(command.ClientId!))) return BookingErrors.LockNotHeld;

        var footprint = AvailabilityCalculator.FootprintOf(service);
        var grid = await calculator.FindSlotAsync(slot, footprint, appointment.Id, cancellationToken);
        if (grid is null) return BookingErrors.SlotNotOffered;
        if (grid.Booked) return BookingErrors.SlotTaken;

        var oldDay = (AppointmentDto.LocalDate(appointment, business.Policy), appointment.EmployeeId);
        // Keep the customer's link working when they used it; otherwise (session, admin) the email needs a fresh one.
        var manageToken = AppointmentAccess.HoldsToken(appointment, command.ManageToken) ? command.ManageToken : null;
        if (manageToken is null)
        {
            (manageToken, var hash) = ManageToken.New();
            appointment.ReplaceManageTokenHash(hash);
        }
        try
        {
            // Delete first: the new cells may overlap the old ones (a move by half an hour).
            await db.Set<AppointmentClaim>().Where(c => c.AppointmentId == appointment.Id).ExecuteDeleteAsync(cancellationToken);
            appointment.Reschedule(employeeId, grid.StartUtc, grid.EndUtc, now);
            foreach (var cell in BookingCells.Cover(grid.StartUtc, grid.EndUtc, footprint, business.Policy.SlotMinutes))
                db.Set<AppointmentClaim>().Add(new AppointmentClaim(appointment, employeeId, cell));
            outbox.Enqueue(emails.Compose(new BookingEmailFacts(BookingEmailKind.Reschedule, appointment, service.Name, employee.Name, business, manageToken), now));
            await webhooks.RaiseAsync(WebhookEventTypes.BookingRescheduled, appointment, service.Name, employee.Name, business, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (persistence.Classify(ex) == DataFault.UniqueViolation)
        {
            persistence.DiscardTrackedChanges();
            return BookingErrors.SlotTaken;
        }
        catch (Exception ex) when (persistence.IsConcurrencyConflict(ex))
        {
            persistence.DiscardTrackedChanges();
            return BookingErrors.ChangedMeanwhile;
        }
        await aftermath.RunAsync(slot, [oldDay, (slot.Date, employeeId)]);
        metrics.BookingRescheduled();
        return AppointmentDto.From(appointment, business.Policy);
    }
}
