using System.Globalization;
using System.Net;
using System.Text;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Options;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// Confirmation, reschedule and cancellation emails: plain text and HTML (every user-supplied value HTML-encoded),
/// times in the business time zone, a manage link when the secret is known, and an .ics whose UID stays the same for the
/// appointment's life so calendars update the one event (SEQUENCE orders the versions).
/// </summary>
internal sealed class BookingEmailComposer(IOptions<EmailOptions> options) : IBookingEmailComposer
{
    private static readonly CultureInfo Display = CultureInfo.InvariantCulture;

    public OutgoingEmail Compose(BookingEmailFacts facts, DateTime nowUtc)
    {
        var a = facts.Appointment;
        var email = options.Value;
        var policy = facts.Business.Policy;
        var start = policy.ToLocal(a.StartUtc);
        var end = policy.ToLocal(a.EndUtc);
        var when = $"{start.ToString("dddd, d MMMM yyyy, HH:mm", Display)}–{end.ToString("HH:mm", Display)} ({facts.Business.TimeZoneId})";
        var link = facts.ManageToken is null ? null : ManageLink(email.PublicBaseUrl, a.Id, facts.ManageToken);
        var (subject, headline, method) = facts.Kind switch
        {
            BookingEmailKind.Confirmation => ($"Booking confirmed: {facts.ServiceName} on {start.ToString("d MMM yyyy, HH:mm", Display)} ({a.Reference})",
                "Your appointment is confirmed.", "REQUEST"),
            BookingEmailKind.Reschedule => ($"Booking moved: {facts.ServiceName} now on {start.ToString("d MMM yyyy, HH:mm", Display)} ({a.Reference})",
                "Your appointment has been moved.", "REQUEST"),
            _ => ($"Booking cancelled: {facts.ServiceName} on {start.ToString("d MMM yyyy, HH:mm", Display)} ({a.Reference})",
                "Your appointment has been cancelled.", "CANCEL"),
        };

        var text = new StringBuilder()
            .AppendLine($"Hello {a.CustomerName},").AppendLine()
            .AppendLine(headline).AppendLine()
            .AppendLine($"Reference: {a.Reference}")
            .AppendLine($"Service:   {facts.ServiceName}")
            .AppendLine($"With:      {facts.EmployeeName}")
            .AppendLine($"When:      {when}")
            .AppendLine($"Where:     {facts.Business.BusinessName}");
        if (link is not null) text.AppendLine().AppendLine($"View, move or cancel your appointment: {link}");
        text.AppendLine().AppendLine(facts.Business.BusinessName);

        var h = (string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append($"<p>Hello {h(a.CustomerName)},</p><p><strong>{h(headline)}</strong></p><table>")
            .Append($"<tr><td>Reference</td><td>{h(a.Reference)}</td></tr>")
            .Append($"<tr><td>Service</td><td>{h(facts.ServiceName)}</td></tr>")
            .Append($"<tr><td>With</td><td>{h(facts.EmployeeName)}</td></tr>")
            .Append($"<tr><td>When</td><td>{h(when)}</td></tr>")
            .Append($"<tr><td>Where</td><td>{h(facts.Business.BusinessName)}</td></tr></table>");
        if (link is not null) html.Append($"<p><a href=\"{h(link)}\">View, move or cancel your appointment</a></p>");
        html.Append($"<p>{h(facts.Business.BusinessName)}</p></body></html>");

        var ics = Invitation(facts, nowUtc, link);

        return new OutgoingEmail(
            Kind: "booking-" + facts.Kind.ToString().ToLowerInvariant(),
            To: a.CustomerEmail,
            Subject: subject.Length > 300 ? subject[..300] : subject,
            TextBody: text.ToString(),
            HtmlBody: html.ToString(),
            Attachments: [new EmailAttachment("invite.ics", $"text/calendar; charset=utf-8; method={method}", Encoding.UTF8.GetBytes(ics))]);
    }

    /// <summary>The appointment as a calendar file without the manage link (the widget's download).</summary>
    public string Calendar(BookingEmailFacts facts, DateTime nowUtc) => Invitation(facts with { ManageToken = null }, nowUtc, link: null);

    /// <summary>UID stays <c>reference@host</c> for the appointment's life; SEQUENCE orders the versions.</summary>
    private string Invitation(BookingEmailFacts facts, DateTime nowUtc, string? link)
    {
        var a = facts.Appointment;
        var email = options.Value;
        return IcsCalendar.Write(new IcsCalendar.Event(
            Uid: IcsCalendar.Uid(a.Reference, email.PublicBaseUrl),
            Sequence: a.Sequence,
            Cancelled: facts.Kind == BookingEmailKind.Cancellation,
            StampUtc: nowUtc,
            StartUtc: a.StartUtc,
            EndUtc: a.EndUtc,
            Summary: $"{facts.ServiceName} with {facts.EmployeeName}",
            Description: $"Reference {a.Reference}." + (link is null ? "" : $" Manage: {link}"),
            Location: facts.Business.BusinessName,
            OrganizerName: email.FromName,
            OrganizerEmail: email.From,
            AttendeeName: a.CustomerName,
            AttendeeEmail: a.CustomerEmail,
            Url: link));
    }

    /// <summary>The widget's manage page; it sends the token to the API as X-Manage-Token.</summary>
    public static string ManageLink(string publicBaseUrl, int appointmentId, string manageToken) =>
        $"{publicBaseUrl.TrimEnd('/')}/manage#appointment={appointmentId.ToString(CultureInfo.InvariantCulture)}&token={Uri.EscapeDataString(manageToken)}";
}
