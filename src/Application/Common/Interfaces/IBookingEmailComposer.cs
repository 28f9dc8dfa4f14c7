using AppointEase.Domain.Appointments;

namespace AppointEase.Application.Common.Interfaces;

public enum BookingEmailKind
{
    Confirmation,
    Reschedule,
    Cancellation,
}

/// <summary>
/// What a booking email says. <see cref="ManageToken"/> is the plain secret for the manage link when the sender knows it
/// (it is never stored); without it the email carries no link.
/// </summary>
public sealed record BookingEmailFacts(
    BookingEmailKind Kind,
    Appointment Appointment,
    string ServiceName,
    string EmployeeName,
    BusinessSettingsSnapshot Business,
    string? ManageToken);

/// <summary>Builds the confirmation / reschedule / cancellation email (text, HTML and an .ics invitation).</summary>
public interface IBookingEmailComposer
{
    OutgoingEmail Compose(BookingEmailFacts facts, DateTime nowUtc);

    /// <summary>The same invitation as a standalone .ics (no manage link), for the widget's "Add to calendar".</summary>
    string Calendar(BookingEmailFacts facts, DateTime nowUtc);
}
