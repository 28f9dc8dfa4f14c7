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
    public OutgoingEmail Compose(BookingEmailFacts facts, DateTime nowUtc)
    {
        var a = facts.Appointment;
        var email = options.Value;
        var policy = facts.Business.Policy;
        var start = policy.ToLocal(a.StartUtc);
        var end = policy.ToLocal(a.EndUtc);
        var t = BookingEmailTexts.For(a.Locale);
        var culture = t.Culture;
        var when = $"{start.ToString("dddd, d MMMM yyyy, HH:mm", culture)}–{end.ToString("HH:mm", culture)} ({facts.Business.TimeZoneId})";
        var link = facts.ManageToken is null ? null : ManageLink(email.PublicBaseUrl, a.Id, facts.ManageToken);
        var (subject, headline, method) = facts.Kind switch
        {
            BookingEmailKind.Confirmation => ($"{t.ConfirmedSubject}: {facts.ServiceName}, {start.ToString("d MMM yyyy, HH:mm", culture)} ({a.Reference})",
                t.ConfirmedHeadline, "REQUEST"),
            BookingEmailKind.Reschedule => ($"{t.MovedSubject}: {facts.ServiceName}, {start.ToString("d MMM yyyy, HH:mm", culture)} ({a.Reference})",
                t.MovedHeadline, "REQUEST"),
            _ => ($"{t.CancelledSubject}: {facts.ServiceName}, {start.ToString("d MMM yyyy, HH:mm", culture)} ({a.Reference})",
                t.CancelledHeadline, "CANCEL"),
        };

        var text = new StringBuilder()
            .AppendLine($"{t.Hello} {a.CustomerName},").AppendLine()
            .AppendLine(headline).AppendLine()
            .AppendLine($"{t.Reference}: {a.Reference}")
            .AppendLine($"{t.Service}: {facts.ServiceName}")
            .AppendLine($"{t.With}: {facts.EmployeeName}")
            .AppendLine($"{t.When}: {when}")
            .AppendLine($"{t.Where}: {facts.Business.BusinessName}");
        if (link is not null) text.AppendLine().AppendLine($"{t.ManageLink}: {link}");
        text.AppendLine().AppendLine(facts.Business.BusinessName);

        var h = (string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append($"<p>{h(t.Hello)} {h(a.CustomerName)},</p><p><strong>{h(headline)}</strong></p><table>")
            .Append($"<tr><td>{h(t.Reference)}</td><td>{h(a.Reference)}</td></tr>")
            .Append($"<tr><td>{h(t.Service)}</td><td>{h(facts.ServiceName)}</td></tr>")
            .Append($"<tr><td>{h(t.With)}</td><td>{h(facts.EmployeeName)}</td></tr>")
            .Append($"<tr><td>{h(t.When)}</td><td>{h(when)}</td></tr>")
            .Append($"<tr><td>{h(t.Where)}</td><td>{h(facts.Business.BusinessName)}</td></tr></table>");
        if (link is not null) html.Append($"<p><a href=\"{h(link)}\">{h(t.ManageLink)}</a></p>");
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
