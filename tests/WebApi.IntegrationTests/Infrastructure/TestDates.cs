using System.Globalization;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>Dates the seeded demo business is open on (Mon–Fri, Europe/Berlin), safely inside notice and horizon.</summary>
public static class TestDates
{
    /// <summary>The n-th weekday from tomorrow (n = 0 is the first one), as a DateOnly.</summary>
    public static DateOnly Weekday(int n = 0)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        var found = -1;
        while (true)
        {
            if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday && ++found == n) return date;
            date = date.AddDays(1);
        }
    }

    public static string Text(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly NextSaturday()
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (date.DayOfWeek != DayOfWeek.Saturday) date = date.AddDays(1);
        return date;
    }
}
