using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.UnitTests.Availability;

/// <summary>
/// The SQL heartbeat reads bookings for a fixed UTC window (it knows no time zone); the schedule reader then keeps the
/// ones its own window holds. That only gives the same day plan if the fixed window always contains the reader's.
/// </summary>
public sealed class BookingsWindowTests
{
    public static TheoryData<string, string> ZonesAndDates()
    {
        var data = new TheoryData<string, string>();
        foreach (var zone in new[] { "Pacific/Kiritimati", "Etc/GMT+12", "Europe/Berlin", "America/St_Johns", "Pacific/Apia", "UTC" })
        foreach (var date in new[] { "2026-01-01", "2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01", "2026-12-31" })
            data.Add(zone, date);
        return data;
    }

    [Theory]
    [MemberData(nameof(ZonesAndDates))]
    public void BookingsWindow_ContainsTheScheduleReadersWindow_InEveryTimeZone(string zone, string date)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var policy = new SchedulingPolicy(TimeZoneInfo.FindSystemTimeZoneById(zone), 30, TimeSpan.Zero, 90);

        var (readerStart, readerEnd) = ScheduleReader.BusyWindowUtc(policy, day, day);
        var (fromUtc, toUtc) = DaySlotState.BookingsWindowUtc(day);

        Assert.True(fromUtc <= readerStart, $"{fromUtc:O} > {readerStart:O}");
        Assert.True(readerEnd <= toUtc, $"{readerEnd:O} > {toUtc:O}");
    }
}
