using System.Globalization;

namespace AppointEase.Application.Common;

/// <summary>The wire formats of the public contract: dates yyyy-MM-dd, times HH:mm in the business time zone.</summary>
public static class Formats
{
    public const string Date = "yyyy-MM-dd";
    public const string Time = "HH:mm";

    public static bool IsDate(string? text) => TryDate(text, out _);
    public static bool IsTime(string? text) => TryTime(text, out _);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, Date, CultureInfo.InvariantCulture);
    public static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, Time, CultureInfo.InvariantCulture);

    public static string ToText(DateOnly date) => date.ToString(Date, CultureInfo.InvariantCulture);
    public static string ToText(TimeOnly time) => time.ToString(Time, CultureInfo.InvariantCulture);
}
