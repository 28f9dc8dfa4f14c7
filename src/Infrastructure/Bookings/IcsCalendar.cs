using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// The one .ics writer (email invitations and the widget's download), on Ical.Net: RFC 5545 folding, TEXT escaping and
/// parameter quoting are the library's. Times are written in UTC, so no VTIMEZONE is needed and every client shows the
/// appointment at the right instant in its own zone.
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
        var calendarEvent = new CalendarEvent
        {
            Uid = e.Uid,
            Sequence = e.Sequence,
            DtStamp = Utc(e.StampUtc),
            DtStart = Utc(e.StartUtc),
            DtEnd = Utc(e.EndUtc),
            Summary = e.Summary,
            Description = e.Description,
            Location = e.Location,
            Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + e.OrganizerEmail) { CommonName = Param(e.OrganizerName) },
            Attendees = [new Attendee("mailto:" + e.AttendeeEmail) { CommonName = Param(e.AttendeeName), Role = ParticipationRole.RequiredParticipant }],
        };
        if (e.Url is not null) calendarEvent.Url = new Uri(e.Url);

        var calendar = new Calendar { ProductId = ProductId, Method = e.Cancelled ? "CANCEL" : "REQUEST" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>
    /// A subscribed feed (staff calendars): no METHOD (it is not a scheduling message), no organizer or attendees (the
    /// client must not offer to reply), every appointment one VEVENT under the same UID as its emailed invitation, so a
    /// move raises SEQUENCE and a cancellation shows as STATUS:CANCELLED rather than vanishing.
    /// </summary>
    public static string WriteFeed(string calendarName, IEnumerable<FeedEvent> events)
    {
        var calendar = new Calendar { ProductId = ProductId };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        // Clients that honour it poll no more often than this (the ETag makes a poll cheap anyway).
        calendar.AddProperty("X-PUBLISHED-TTL", "PT15M");
        foreach (var e in events)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = e.Uid,
                Sequence = e.Sequence,
                DtStamp = Utc(e.StampUtc),
                LastModified = Utc(e.StampUtc),
                DtStart = Utc(e.StartUtc),
                DtEnd = Utc(e.EndUtc),
                Summary = e.Summary,
                Description = e.Description,
                Location = e.Location,
                Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public sealed record FeedEvent(string Uid, int Sequence, bool Cancelled, DateTime StampUtc, DateTime StartUtc, DateTime EndUtc,
        string Summary, string Description, string Location);

    /// <summary>The UID of an appointment's event everywhere (invitation, download, feed): its reference at the public host.</summary>
    public static string Uid(string reference, string publicBaseUrl) =>
        $"{reference}@{(Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "appointease.local")}";

    private static CalDateTime Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>A parameter value (CN=…) may not hold DQUOTE or control characters (RFC 5545 3.1); Ical.Net quotes the rest.</summary>
    private static string Param(string value) => new(value.Where(c => c != '"' && !char.IsControl(c)).ToArray());
}
