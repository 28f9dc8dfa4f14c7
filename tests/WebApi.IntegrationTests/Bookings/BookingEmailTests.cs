using System.Net;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Ical.Net;
using MimeKit;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>Confirmation, reschedule and cancellation mails reach a real SMTP server with a calendar file that parses.</summary>
public sealed class BookingEmailTests : IClassFixture<BookingEmailTests.Factory>
{
    private readonly Factory _app;
    private readonly BookingApi _api;

    public BookingEmailTests(Factory app)
    {
        _app = app;
        _api = new BookingApi(app, app.CreateClient());
    }

    [Fact]
    public async Task ConfirmRescheduleCancel_EachSendAnEmailWithAValidIcs()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));
        var to = $"mail-{Guid.NewGuid():N}@example.com";
        const string name = "Zoë <b>Bold</b>; Smith, Jr.";

        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", name: name, email: to));
        var id = booked.GetProperty("id").GetInt32();
        var token = booked.GetProperty("manageToken").GetString()!;
        var reference = booked.GetProperty("reference").GetString()!;
        var confirmation = await WaitForMailAsync(to, "Booking confirmed");

        var lockToken = await _api.LockAsync(date, alex, "11:00", "client-mail-1");
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "11:00", lockToken = lockToken.ToString(), clientId = "client-mail-1" }, manageToken: token);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var reschedule = await WaitForMailAsync(to, "Booking moved");

        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{id}", manageToken: token)).StatusCode);
        var cancellation = await WaitForMailAsync(to, "Booking cancelled");

        var c1 = Calendar(confirmation);
        var c2 = Calendar(reschedule);
        var c3 = Calendar(cancellation);
        Assert.Equal("REQUEST", c1.Method);
        Assert.Equal("REQUEST", c2.Method);
        Assert.Equal("CANCEL", c3.Method);
        var (e1, e2, e3) = (c1.Events.Single(), c2.Events.Single(), c3.Events.Single());
        Assert.Equal($"{reference}@localhost", e1.Uid);
        Assert.Equal(e1.Uid, e2.Uid);
        Assert.Equal(e1.Uid, e3.Uid);
        Assert.Equal([0, 1, 2], new[] { e1.Sequence, e2.Sequence, e3.Sequence });
        Assert.Equal("CANCELLED", e3.Status);
        Assert.True(e1.DtStart!.IsUtc);
        Assert.Equal(TimeSpan.FromMinutes(30), e1.DtEnd!.AsUtc - e1.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromHours(1), e2.DtStart!.AsUtc - e1.DtStart!.AsUtc);
        Assert.Equal(name, e1.Attendees.Single().CommonName);

        // Times in the business time zone, a manage link, user input encoded in HTML.
        Assert.Contains("10:00", confirmation.TextBody);
        Assert.Contains("Europe/Berlin", confirmation.TextBody);
        // The token travels in the fragment: browsers never send it to a server or in a Referer (issue 24).
        Assert.Contains($"/manage#appointment={id}&token={token}", confirmation.TextBody);
        Assert.DoesNotContain("?appointment=", confirmation.TextBody);
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt;", confirmation.HtmlBody);
        Assert.DoesNotContain("<b>Bold</b>", confirmation.HtmlBody);
        Assert.Contains("11:00", reschedule.TextBody);
    }

    [Fact]
    public async Task CalendarDownload_WithTheManageToken_IsTheEmailedEventAndWithoutItNotFound()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(1));
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "14:00", name: "Ada; Lovelace", email: $"ics-{Guid.NewGuid():N}@example.com"));
        var (id, token, reference) = (booked.GetProperty("id").GetInt32(), booked.GetProperty("manageToken").GetString()!,
            booked.GetProperty("reference").GetString()!);

        var response = await _api.SendAsync(HttpMethod.Get, $"/api/v1/appointments/{id}/calendar", manageToken: token);
        var anonymous = await _api.SendAsync(HttpMethod.Get, $"/api/v1/appointments/{id}/calendar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"appointment-{reference}.ics", response.Content.Headers.ContentDisposition!.FileName);
        var e = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single();
        Assert.Equal($"{reference}@localhost", e.Uid);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Equal("Ada; Lovelace", e.Attendees.Single().CommonName);
        Assert.Equal(TimeSpan.FromMinutes(30), e.DtEnd!.AsUtc - e.DtStart!.AsUtc);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
    }

    private static Calendar Calendar(MimeMessage message)
    {
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.MimeType == "text/calendar");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"unfolded line: {line}"));
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        return Ical.Net.Calendar.Load(text)!;
    }

    private static async Task<MimeMessage> WaitForMailAsync(string recipient, string subjectStart)
    {
        var folder = Path.Combine(TestServers.SmtpMaildir, "new");
        for (var i = 0; i < 100; i++)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    MimeMessage message;
                    try { message = await MimeMessage.LoadAsync(file); }
                    catch (IOException) { continue; }
                    if (message.To.Mailboxes.Any(m => m.Address == recipient) && message.Subject?.StartsWith(subjectStart, StringComparison.Ordinal) == true)
                        return message;
                }
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"No '{subjectStart}' mail for {recipient} arrived in {folder} within 20 s.");
    }

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb)
        {
            ConfigureServices = TestAuth.Add;
            var smtp = TestServers.Smtp.Split(':');
            With("Email:Smtp:Host", smtp[0]).With("Email:Smtp:Port", smtp[1]).With("Email:Smtp:Security", "None");
        }
    }
}
