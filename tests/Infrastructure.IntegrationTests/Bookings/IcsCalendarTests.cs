using System.Text;
using AppointEase.Infrastructure.Bookings;
using Ical.Net;

namespace AppointEase.Infrastructure.IntegrationTests.Bookings;

/// <summary>What <see cref="IcsCalendar"/> writes is read back by Ical.Net's own parser with every value intact.</summary>
public sealed class IcsCalendarTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static IcsCalendar.Event Sample(bool cancelled = false, string summary = "Haircut with Alex", string attendee = "Ada",
        string description = "Ref", string? url = null) =>
        new("APT-2026-000001@example.com", 2, cancelled, new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc), Start, Start.AddMinutes(30),
            summary, description, "Studio; Main St, 1", "AppointEase", "bookings@example.com", attendee, "ada@example.com", url);

    [Fact]
    public void Write_RoundTripsThroughIcalNetsParser_WithEveryValueIntact()
    {
        const string description = "Line one,\r\nline two; with \\ backslash";
        var ics = IcsCalendar.Write(Sample(description: description, attendee: "Zoë <b>Bold</b>; Smith, Jr.", url: "https://example.com/manage?a=1"));

        var calendar = Calendar.Load(ics)!;
        var e = calendar.Events.Single();

        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal(IcsCalendar.ProductId, calendar.ProductId);
        Assert.Equal("APT-2026-000001@example.com", e.Uid);
        Assert.Equal(2, e.Sequence);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.True(e.DtStart!.IsUtc);
        Assert.Equal(Start, e.DtStart.AsUtc);
        Assert.Equal(Start.AddMinutes(30), e.DtEnd!.AsUtc);
        Assert.Equal("Haircut with Alex", e.Summary);
        Assert.Equal(description.Replace("\r\n", "\n"), e.Description!.Replace("\r\n", "\n"));
        Assert.Equal("Studio; Main St, 1", e.Location);
        Assert.Equal("Zoë <b>Bold</b>; Smith, Jr.", e.Attendees.Single().CommonName);
        Assert.Equal(new Uri("mailto:ada@example.com"), e.Attendees.Single().Value);
        Assert.Equal("AppointEase", e.Organizer!.CommonName);
        Assert.Equal(new Uri("https://example.com/manage?a=1"), e.Url);
    }

    [Fact]
    public void Write_Cancellation_HasMethodCancelAndStatusCancelled()
    {
        var calendar = Calendar.Load(IcsCalendar.Write(Sample(cancelled: true)))!;

        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", calendar.Events.Single().Status);
    }

    [Fact]
    public void Write_LongMultibyteSummary_FoldsWithin75OctetsWithCrlfAndUnfoldsToTheSameText()
    {
        var summary = string.Concat(Enumerable.Repeat("Zoë 🦄 ", 40)).Trim();

        var ics = IcsCalendar.Write(Sample(summary: summary));

        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        Assert.All(ics[..^2].Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"unfolded line: {line}"));
        Assert.Equal(summary, Calendar.Load(ics)!.Events.Single().Summary);
    }

    [Fact]
    public void Write_AttendeeNameWithQuotesAndControlCharacters_DropsThemSoTheParameterStaysValid()
    {
        var calendar = Calendar.Load(IcsCalendar.Write(Sample(attendee: "Ada \"the\" \u0007Lovelace")))!;

        Assert.Equal("Ada the Lovelace", calendar.Events.Single().Attendees.Single().CommonName);
    }
}
