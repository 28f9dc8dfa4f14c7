using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments.GetAppointment;

/// <summary>
/// One appointment as an iCalendar file, for whoever may read it (admin, its customer, the manage-token holder). The
/// server writes every .ics (emails and this download) so the widget carries no calendar code of its own.
/// </summary>
public sealed record GetAppointmentCalendarQuery(int Id, string? ManageToken) : IQuery<Result<AppointmentCalendarFile>>;

public sealed record AppointmentCalendarFile(string FileName, string Content);

public sealed class GetAppointmentCalendarHandler(
    AppointmentAccess access,
    IAppDbContext db,
    ISettingsProvider settings,
    IBookingEmailComposer composer,
    TimeProvider clock) : IQueryHandler<GetAppointmentCalendarQuery, Result<AppointmentCalendarFile>>
{
    public async ValueTask<Result<AppointmentCalendarFile>> Handle(GetAppointmentCalendarQuery query, CancellationToken cancellationToken)
    {
        var appointment = await access.FindAsync(query.Id, query.ManageToken, forUpdate: false, cancellationToken);
        if (appointment is null) return AppointmentAccess.NotFound;
        var business = await settings.GetAsync(cancellationToken);
        var names = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId)
            .Select(s => new { Service = s.Name, Employee = db.Employees.Where(e => e.Id == appointment.EmployeeId).Select(e => e.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var kind = appointment.IsCancelled ? BookingEmailKind.Cancellation : BookingEmailKind.Confirmation;
        var facts = new BookingEmailFacts(kind, appointment, names.Service, names.Employee ?? "", business, ManageToken: null);
        return new AppointmentCalendarFile($"appointment-{appointment.Reference}.ics", composer.Calendar(facts, clock.GetUtcNow().UtcDateTime));
    }
}
