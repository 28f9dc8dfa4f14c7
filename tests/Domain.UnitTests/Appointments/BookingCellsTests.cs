using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.UnitTests.Appointments;

public sealed class BookingCellsTests
{
    private static readonly DateTime Ten = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cover_HourLongServiceOnHalfHourGrid_ClaimsTwoCells()
    {
        var cells = BookingCells.Cover(Ten, Ten.AddHours(1), new ServiceFootprint(60, 0, 0), 30);

        Assert.Equal([Ten, Ten.AddMinutes(30)], cells);
    }

    [Fact]
    public void Cover_OverlappingServices_ShareACell()
    {
        var hour = BookingCells.Cover(Ten, Ten.AddHours(1), new ServiceFootprint(60, 0, 0), 30);
        var halfHourLater = BookingCells.Cover(Ten.AddMinutes(30), Ten.AddHours(1), new ServiceFootprint(30, 0, 0), 30);

        Assert.NotEmpty(hour.Intersect(halfHourLater));
    }

    [Fact]
    public void Cover_AdjacentServices_ShareNoCell()
    {
        var first = BookingCells.Cover(Ten, Ten.AddMinutes(30), new ServiceFootprint(30, 0, 0), 30);
        var next = BookingCells.Cover(Ten.AddMinutes(30), Ten.AddHours(1), new ServiceFootprint(30, 0, 0), 30);

        Assert.Empty(first.Intersect(next));
    }

    [Fact]
    public void Cover_BuffersReachingIntoACell_ClaimThatWholeCell()
    {
        var cells = BookingCells.Cover(Ten, Ten.AddMinutes(90), new ServiceFootprint(90, 10, 15), 30);

        Assert.Equal([Ten.AddMinutes(-30), Ten, Ten.AddMinutes(30), Ten.AddMinutes(60), Ten.AddMinutes(90)], cells);
        Assert.All(cells, c => Assert.Equal(DateTimeKind.Utc, c.Kind));
    }

    [Fact]
    public void ManageToken_IsUrlSafe256Bits_AndOnlyItsHashMatches()
    {
        var (token, hash) = ManageToken.New();

        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.True(ManageToken.Matches(token, hash));
        Assert.False(ManageToken.Matches(hash, hash));
        Assert.False(ManageToken.Matches(null, hash));
        Assert.NotEqual(token, ManageToken.New().Token);
    }
}
