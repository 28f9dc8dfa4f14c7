using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.BookingsCache;

namespace AppointEase.Infrastructure.IntegrationTests.BookingsCache;

/// <summary>What the Redis day-bookings cache stores: both forms of a day's bookings, and only what it can read back.</summary>
public sealed class CachedBookingsTextTests
{
    private static readonly DateTime Nine = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Format_WritesTheBookedStartsThenTheBusyIntervalsInUnixSeconds_AndParseReadsThemBack()
    {
        var day = new CachedDayBookings([new TimeOnly(9, 0), new TimeOnly(9, 15)],
            [new BusyInterval(Nine.AddMinutes(-10), Nine.AddMinutes(40)), new BusyInterval(Nine.AddHours(3), Nine.AddHours(4))]);

        var text = CachedBookingsText.Format(day);
        var back = CachedBookingsText.Parse(text)!;

        Assert.Equal("09:00,09:15;1796197800-1796200800,1796209200-1796212800", text);
        Assert.Equal(day.BookedStarts, back.BookedStarts);
        Assert.Equal(day.Busy, back.Busy);
    }

    [Fact]
    public void AnEmptyDay_IsAHit()
    {
        var text = CachedBookingsText.Format(new CachedDayBookings([], []));

        Assert.Equal(";", text);
        var back = CachedBookingsText.Parse(text);
        Assert.NotNull(back);
        Assert.Empty(back.BookedStarts);
        Assert.Empty(back.Busy);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("09:00,09:15")] // the format before busy intervals were kept
    [InlineData("9h;")]
    [InlineData("09:00;12-")]
    public void AbsentOrUnreadableText_IsAMiss(string? text) => Assert.Null(CachedBookingsText.Parse(text));
}
