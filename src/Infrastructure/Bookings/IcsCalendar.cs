using System.Globalization;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// The one .ics writer (email invitations, the widget's download and the staff feeds), on <see cref="IcsContentLines"/>
/// (decision 152; the tests read every file back with Ical.Net's parser). Times are written in UTC, so no VTIMEZONE is
/// needed and every client shows the appointment at the right instant in its own zone.
/// </summary>
internal static class IcsCalendar
{
    public const string ProductId = "-//AppointEase//Booking//EN";

    public sealed record Event(
        string Uid,
        int Sequence,
        bool Cancelled,
        DateTime StampUtc,
        DateTime StartUtc,
        DateTime EndUtc,
        string Summary,
        string Description,
        string Location,
        string OrganizerName,
        string OrganizerEmail,
        string AttendeeName,
        string AttendeeEmail,
        string? Url);

    public static string Write(Event e)
    {
        var ics = Begin().Raw("METHOD", e.Cancelled ? "CANCEL" : "REQUEST");
        EventLines(ics, e.Uid, e.Sequence, e.Cancelled, e.StampUtc, lastModifiedUtc: null, e.StartUtc, e.EndUtc, e.Summary, e.Description, e.Location)
            .Uri("ORGANIZER", "mailto:" + e.OrganizerEmail, ("CN", e.OrganizerName))
            .Uri("ATTENDEE", "mailto:" + e.AttendeeEmail, ("CN", e.AttendeeName), ("ROLE", "REQ-PARTICIPANT"), ("RSVP", "FALSE"));
        if (e.Url is not null) ics.Uri("URL", e.Url);
        return End(ics.Raw("END", "VEVENT"));
    }

    /// <summary>
    /// A subscribed feed (staff calendars): no METHOD (it is not a scheduling message), no organizer or attendees (the
    /// client must not offer to reply), every appointment one VEVENT under the same UID as its emailed invitation, so a
    /// move raises SEQUENCE and a cancellation shows as STATUS:CANCELLED rather than vanishing.
    /// </summary>
    public static string WriteFeed(string calendarName, IEnumerable<FeedEvent> events)
    {
        var ics = Begin().Text("X-WR-CALNAME", calendarName)
            // Clients that honour it poll no more often than this (the ETag makes a poll cheap anyway).
            .Raw("X-PUBLISHED-TTL", "PT15M");
        foreach (var e in events)
            EventLines(ics, e.Uid, e.Sequence, e.Cancelled, e.StampUtc, lastModifiedUtc: e.StampUtc, e.StartUtc, e.EndUtc, e.Summary, e.Description,
                e.Location).Raw("END", "VEVENT");
        return End(ics);
    }

    public sealed record FeedEvent(string Uid, int Sequence, bool Cancelled, DateTime StampUtc, DateTime StartUtc, DateTime EndUtc,
        string Summary, string Description, string Location);

    /// <summary>The UID of an appointment's event everywhere (invitation, download, feed): its reference at the public host.</summary>
    public static string Uid(string reference, string publicBaseUrl) =>
        $"{reference}@{(Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "appointease.local")}";

    private static IcsContentLines Begin() =>
        new IcsContentLines().Raw("BEGIN", "VCALENDAR").Raw("VERSION", "2.0").Text("PRODID", ProductId);

    private static string End(IcsContentLines ics) => ics.Raw("END", "VCALENDAR").ToString();

    /// <summary>BEGIN:VEVENT and the properties an invitation and a feed entry share; the caller adds its own and END:VEVENT.</summary>
    private static IcsContentLines EventLines(IcsContentLines ics, string uid, int sequence, bool cancelled, DateTime stampUtc, DateTime? lastModifiedUtc,
        DateTime startUtc, DateTime endUtc, string summary, string description, string location)
    {
        ics.Raw("BEGIN", "VEVENT").Text("UID", uid).Raw("SEQUENCE", sequence.ToString(CultureInfo.InvariantCulture)).UtcDateTime("DTSTAMP", stampUtc);
        if (lastModifiedUtc is { } modified) ics.UtcDateTime("LAST-MODIFIED", modified);
        return ics.UtcDateTime("DTSTART", startUtc).UtcDateTime("DTEND", endUtc)
            .Text("SUMMARY", summary).Text("DESCRIPTION", description).Text("LOCATION", location)
            .Raw("STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
    }
}
