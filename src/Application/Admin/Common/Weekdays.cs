namespace AppointEase.Application.Admin.Common;

/// <summary>Weekday names on the wire: lower-case English, Monday first (as in the public business-hours endpoint).</summary>
public static class Weekdays
{
    public static string ToText(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out DayOfWeek day)
    {
        day = default;
        return text is { Length: > 0 } && !text.All(char.IsAsciiDigit) && Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day);
    }

    public static int MondayFirstIndex(DayOfWeek day) => ((int)day + 6) % 7;
}
