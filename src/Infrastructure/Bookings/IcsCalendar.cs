using System.Globalization;
using System.Text;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// A minimal RFC 5545 writer for one event: CRLF line ends, lines folded at 75 octets (never inside a UTF-8 sequence),
/// TEXT values escaped (\\ ; , and newlines). Written by hand because the format needed is small and fixed.
/// </summary>
internal static class IcsCalendar
{
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
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//AppointEase//Booking//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:" + (e.Cancelled ? "CANCEL" : "REQUEST"),
            "BEGIN:VEVENT",
            "UID:" + Text(e.Uid),
            "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture),
            "DTSTAMP:" + Utc(e.StampUtc),
            "DTSTART:" + Utc(e.StartUtc),
            "DTEND:" + Utc(e.EndUtc),
            "SUMMARY:" + Text(e.Summary),
            "DESCRIPTION:" + Text(e.Description),
            "LOCATION:" + Text(e.Location),
            $"ORGANIZER;CN={Param(e.OrganizerName)}:mailto:{e.OrganizerEmail}",
            $"ATTENDEE;CN={Param(e.AttendeeName)};ROLE=REQ-PARTICIPANT:mailto:{e.AttendeeEmail}",
            "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"),
        };
        if (e.Url is not null) lines.Add("URL:" + e.Url);
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");

        var ics = new StringBuilder();
        foreach (var line in lines) ics.Append(Fold(line));
        return ics.ToString();
    }

    public static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Escapes a TEXT value (RFC 5545 3.3.11).</summary>
    public static string Text(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': sb.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A parameter value (CN=…): quoted, and DQUOTE and control characters are not allowed inside (RFC 5545 3.1).</summary>
    public static string Param(string value) => "\"" + new string(value.Where(c => c != '"' && !char.IsControl(c)).ToArray()) + "\"";

    /// <summary>Splits a content line into chunks of at most 75 octets, continuation lines starting with a space.</summary>
    public static string Fold(string line)
    {
        var sb = new StringBuilder();
        var octets = 0;
        var limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            var length = char.IsSurrogatePair(line, i) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            sb.Append(line, i, length);
            octets += size;
            i += length;
        }
        return sb.Append("\r\n").ToString();
    }
}
