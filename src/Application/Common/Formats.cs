using System.Globalization;

namespace AppointEase.Application.Common;

/// <summary>The wire formats of the public contract: dates yyyy-MM-dd, times HH:mm in the business time zone.</summary>
public static class Formats
{
    public const string Date = "yyyy-MM-dd";
    public const string Time = "HH:mm";

    /// <summary>
    /// The calendar the API accepts. Far outside it a date is a typo or an attack, and its ends break arithmetic further
    /// on: 0001-01-01 00:00 in a zone east of UTC is before DateTime.MinValue, 9999-12-31 plus a day overflows, and
    /// MariaDB's DATETIME starts at year 1000.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    public static bool IsDate(string? text) => TryDate(text, out _);
    public static bool IsTime(string? text) => TryTime(text, out _);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date >= EarliestDate && date <= LatestDate;

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, Date, CultureInfo.InvariantCulture);
    public static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, Time, CultureInfo.InvariantCulture);

    public static string ToText(DateOnly date) => date.ToString(Date, CultureInfo.InvariantCulture);
    /// <summary>HH:mm drops seconds, so a time's text is its minute's: one string per minute of the day, built once.</summary>
    public static string ToText(TimeOnly time) => MinuteTexts[time.Hour * 60 + time.Minute];

    /// <summary>The heartbeat, availability and the slot stream write these on every call (decision 143); 1,440 strings.</summary>
    private static readonly string[] MinuteTexts =
        [.. Enumerable.Range(0, 24 * 60).Select(minute => new TimeOnly(minute / 60, minute % 60).ToString(Time, CultureInfo.InvariantCulture))];
}
