using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments;

/// <summary>Queues a booking email (confirmation, reschedule, cancellation) in the command's unit of work.</summary>
public sealed class BookingMail(IAppDbContext db, IEmailOutbox outbox, IBookingEmailComposer composer)
{
    /// <summary>The service's and the employee's names as the email shows them (an employee removed since: empty).</summary>
    public async Task<(string Service, string Employee)> NamesAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var names = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId)
            .Select(s => new { Service = s.Name, Employee = db.Employees.Where(e => e.Id == appointment.EmployeeId).Select(e => e.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        return (names.Service, names.Employee ?? "");
    }

    public void Queue(BookingEmailFacts facts, DateTime nowUtc) => outbox.Enqueue(composer.Compose(facts, nowUtc));
}
