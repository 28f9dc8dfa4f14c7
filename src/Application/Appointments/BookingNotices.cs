using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Appointments;

/// <summary>
/// Tells the outside world about a booking change in the command's unit of work: the webhook event for subscribers
/// (decision 100) and, unless the caller holds it back, the email to the customer. Both commit with the change or not at all.
/// </summary>
public sealed class BookingNotices(IAppDbContext db, IEmailOutbox outbox, IBookingEmailComposer composer, BookingWebhooks webhooks)
{
    /// <summary>The service's and the employee's names as the email shows them (an employee removed since: empty).</summary>
    public async Task<(string Service, string Employee)> NamesAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        var names = await db.Services.AsNoTracking().Where(s => s.Id == appointment.ServiceId)
            .Select(s => new { Service = s.Name, Employee = db.Employees.Where(e => e.Id == appointment.EmployeeId).Select(e => e.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        return (names.Service, names.Employee ?? "");
    }

    /// <param name="mail">False when the confirmation email is held back (an unverified address over its mail limit).</param>
    public async Task SendAsync(BookingEmailFacts facts, DateTime nowUtc, CancellationToken cancellationToken, bool mail = true)
    {
        await webhooks.RaiseAsync(EventOf(facts.Kind), facts.Appointment, facts.ServiceName, facts.EmployeeName, facts.Business, cancellationToken);
        if (mail) outbox.Enqueue(composer.Compose(facts, nowUtc));
    }

    private static string EventOf(BookingEmailKind kind) => kind switch
    {
        BookingEmailKind.Confirmation => WebhookEventTypes.BookingCreated,
        BookingEmailKind.Reschedule => WebhookEventTypes.BookingRescheduled,
        BookingEmailKind.Cancellation => WebhookEventTypes.BookingCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
