using System.Text;
using AppointEase.Infrastructure.Bookings;

namespace AppointEase.Infrastructure.IntegrationTests.Bookings;

public sealed class IcsCalendarTests
{
    [Fact]
    public void Text_EscapesBackslashSemicolonCommaAndNewlines()
    {
        Assert.Equal("a\\\\b\\;c\\,d\\ne\\nf", IcsCalendar.Text("a\\b;c,d\r\ne\nf"));
    }

    [Fact]
    public void Fold_LongMultibyteLine_KeepsEveryLineWithin75OctetsAndNeverSplitsACharacter()
    {
        var line = "SUMMARY:" + string.Concat(Enumerable.Repeat("Zoë 🦄 ", 40));

        var folded = IcsCalendar.Fold(line);

        Assert.EndsWith("\r\n", folded);
        var lines = folded[..^2].Split("\r\n");
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(" ", l));
        Assert.Equal(line, string.Concat(lines.Select((l, i) => i == 0 ? l : l[1..])));
    }

    [Fact]
    public void Write_Cancellation_HasMethodCancelAndStatusCancelled()
    {
        var ics = IcsCalendar.Write(new IcsCalendar.Event("APT-2026-000001@example.com", 2, true, DateTime.UtcNow,
            new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc),
            "Haircut", "Ref", "Studio", "AppointEase", "bookings@example.com", "Ada", "ada@example.com", null));

        Assert.Contains("\r\nMETHOD:CANCEL\r\n", ics);
        Assert.Contains("\r\nSTATUS:CANCELLED\r\n", ics);
        Assert.Contains("\r\nSEQUENCE:2\r\n", ics);
        Assert.Contains("\r\nDTSTART:20261201T090000Z\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
    }
}
