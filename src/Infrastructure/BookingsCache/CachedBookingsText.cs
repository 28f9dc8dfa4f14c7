using System.Globalization;
using System.Text;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Infrastructure.BookingsCache;

/// <summary>
/// The text of a day's bookings cache: <c>HH:mm,HH:mm;startS-endS,startS-endS</c> — the one-step booked starts, then the
/// busy intervals (buffers included) in Unix seconds. <c>";"</c> is an empty day (a hit, not a miss).
/// Anything else (an older format, a damaged value) is a miss: the caller recomputes from SQL and rewrites it.
/// </summary>
internal static class CachedBookingsText
{
    public static string Format(CachedDayBookings bookings)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', bookings.BookedStarts.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)));
        text.Append(';');
        text.AppendJoin(',', bookings.Busy.Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"{UnixSeconds(b.StartUtc)}-{UnixSeconds(b.EndUtc)}")));
        return text.ToString();
    }

    /// <summary>The bookings, or null for no value (the key is absent) or a value this version cannot read.</summary>
    public static CachedDayBookings? Parse(string? text)
    {
        var split = text?.IndexOf(';') ?? -1;
        if (text is null || split < 0) return null;
        var starts = new List<TimeOnly>();
        foreach (var part in text[..split].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TimeOnly.TryParseExact(part, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return null;
            starts.Add(time);
        }
        var busy = new List<BusyInterval>();
        foreach (var part in text[(split + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-');
            if (dash < 0
                || !long.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var end))
                return null;
            busy.Add(new BusyInterval(DateTime.UnixEpoch.AddSeconds(start), DateTime.UnixEpoch.AddSeconds(end)));
        }
        return new CachedDayBookings(starts, busy);
    }

    private static long UnixSeconds(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalSeconds;
}
