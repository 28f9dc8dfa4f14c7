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

    private static CalDateTime Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>A parameter value (CN=…) may not hold DQUOTE or control characters (RFC 5545 3.1); Ical.Net quotes the rest.</summary>
    private static string Param(string value) => new(value.Where(c => c != '"' && !char.IsControl(c)).ToArray());
}
