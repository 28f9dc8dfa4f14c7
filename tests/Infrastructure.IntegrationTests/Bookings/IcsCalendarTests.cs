using System.Text;
using AppointEase.Infrastructure.Bookings;
using Ical.Net;

namespace AppointEase.Infrastructure.IntegrationTests.Bookings;

/// <summary>
/// What <see cref="IcsCalendar"/> writes (by hand since decision 152) is read back by Ical.Net's own parser with every
/// value intact, and keeps RFC 5545's line rules.
/// </summary>
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

    [Fact]
    public void Write_FoldsAfterTheLast4OctetCharacterThatFits_NeverBetweenItsSurrogates()
    {
        // "SUMMARY:" is 8 octets; 16 unicorns of 4 octets fill the line to 72, the 17th would make 76.
        var summary = string.Concat(Enumerable.Repeat("🦄", 20));

        var line = IcsCalendar.Write(Sample(summary: summary)).Split("\r\n").SkipWhile(l => !l.StartsWith("SUMMARY:", StringComparison.Ordinal)).ToList();

        Assert.Equal("SUMMARY:" + string.Concat(Enumerable.Repeat("🦄", 16)), line[0]);
        Assert.Equal(" " + string.Concat(Enumerable.Repeat("🦄", 4)), line[1]);
    }

    [Fact]
    public void Write_TextWithSeparatorsBreaksAndControls_IsEscapedAndParsesBack()
    {
        var ics = IcsCalendar.Write(Sample(description: "a\\b;c,d\ne\rf\u0007g\th"));

        Assert.Contains("DESCRIPTION:a\\\\b\\;c\\,d\\ne\\nfg\th\r\n", Unfolded(ics));
        Assert.Equal("a\\b;c,d\ne\nfg\th", Calendar.Load(ics)!.Events.Single().Description);
    }

    [Fact]
    public void Write_ParameterWithoutSeparators_IsNotQuoted_AndOneWithThemIs()
    {
        Assert.Contains("ATTENDEE;CN=Ada Lovelace;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:ada@example.com\r\n",
            Unfolded(IcsCalendar.Write(Sample(attendee: "Ada Lovelace"))));
        Assert.Contains("ATTENDEE;CN=\"Lovelace, Ada\";ROLE=", Unfolded(IcsCalendar.Write(Sample(attendee: "Lovelace, Ada"))));
    }

    [Fact]
    public void WriteFeed_ParsesBackWithEveryEventAndTheCalendarName()
    {
        var ics = IcsCalendar.WriteFeed("Alex; Studio, Main", [
            new IcsCalendar.FeedEvent("APT-2026-000001@example.com", 0, false, Start, Start, Start.AddMinutes(30), "Haircut", "Ref 1", "Studio"),
            new IcsCalendar.FeedEvent("APT-2026-000002@example.com", 3, true, Start, Start.AddHours(1), Start.AddHours(2), "Colour", "Ref 2", "Studio"),
        ]);

        var calendar = Calendar.Load(ics)!;

        Assert.True(string.IsNullOrEmpty(calendar.Method));
        Assert.Contains("X-WR-CALNAME:Alex\\; Studio\\, Main\r\n", Unfolded(ics));
        Assert.Equal(["APT-2026-000001@example.com", "APT-2026-000002@example.com"], calendar.Events.Select(e => e.Uid));
        Assert.Equal(["CONFIRMED", "CANCELLED"], calendar.Events.Select(e => e.Status));
        Assert.Equal(3, calendar.Events.ElementAt(1).Sequence);
        Assert.Equal(Start.AddHours(1), calendar.Events.ElementAt(1).DtStart!.AsUtc);
        Assert.Empty(calendar.Events.First().Attendees);
    }

    [Fact]
    public void Write_AllocatesAFewTimesTheFileItWrites()
    {
        var invitation = Sample(description: "Reference APT-2026-000001. Manage: https://example.com/manage#appointment=1&token=abc", url: "https://example.com/manage");
        var length = IcsCalendar.Write(invitation).Length;
        for (var i = 0; i < 100; i++) IcsCalendar.Write(invitation);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) IcsCalendar.Write(invitation);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // The two line buffers (2 KB and 256 B), the date strings and the result (2 bytes a char): about 4 KB for this
        // 700-character file. Ical.Net's serializer took 67 KB for it (decision 152).
        Assert.True(perCall < 8 * length + 2_048, $"{perCall} bytes allocated to write a {length}-character calendar");
    }

    /// <summary>RFC 5545 3.1: a CRLF followed by one space is no break.</summary>
    private static string Unfolded(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);
}
