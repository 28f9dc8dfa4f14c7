using System.Net;
using System.Net.Http.Headers;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Ical.Net;

namespace AppointEase.WebApi.IntegrationTests.Webhooks;

/// <summary>Issue 22, acceptance 2: an employee's iCalendar feed by secret token, read the way a calendar client reads it.</summary>
public abstract class StaffCalendarFeedTests(AppFactory app)
{
    private readonly BookingApi _api = new(app, app.CreateClient());
    private readonly HttpClient _admin = app.CreateAdminClient();
    private readonly HttpClient _calendarClient = app.CreateClient();

    [Fact]
    public async Task Feed_ShowsRescheduleAsHigherSequence_CancelAsCancelled_304OnRepeat_404AfterRevoke()
    {
        var (haircut, date) = (await _api.ServiceIdAsync("Haircut"), TestDates.Weekday(23));
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var issued = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/employees/{employee}/calendar-feed", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var path = (await issued.JsonAsync()).GetProperty("path").GetString()!;

        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, employee, date, "10:00", name: "Grace Hopper", email: "feed-grace@example.com",
            phone: "+49 30 555"));
        var (id, reference, token) = (booked.GetProperty("id").GetInt32(), booked.GetProperty("reference").GetString()!,
            booked.GetProperty("manageToken").GetString());
        var first = await ReadEventAsync(path, reference);
        Assert.Equal("CONFIRMED", first.Status);
        Assert.Contains("Grace Hopper", first.Summary);
        Assert.DoesNotContain("feed-grace@example.com", first.Raw);  // staff see the name, not contact data
        Assert.DoesNotContain("555", first.Raw);

        var lockToken = await _api.LockAsync(date, employee, "13:00", "client-feed-1");
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "13:00", lockToken = lockToken.ToString(), clientId = "client-feed-1" }, manageToken: token);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var rescheduled = await ReadEventAsync(path, reference);
        Assert.Equal(first.Uid, rescheduled.Uid);
        Assert.True(rescheduled.Sequence > first.Sequence, $"SEQUENCE {rescheduled.Sequence} after {first.Sequence}");
        Assert.NotEqual(first.StartUtc, rescheduled.StartUtc);

        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{id}", manageToken: token)).StatusCode);
        var cancelled = await ReadEventAsync(path, reference);
        Assert.Equal(first.Uid, cancelled.Uid);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.True(cancelled.Sequence > rescheduled.Sequence);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(cancelled.ETag));
        var notModified = await _calendarClient.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/admin/employees/{employee}/calendar-feed")).StatusCode);
        await (await _calendarClient.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task IssuingAgain_RevokesTheEarlierUrl_AndUnknownTokensAre404()
    {
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(await _api.ServiceIdAsync("Haircut"));
        var url = $"/api/v1/admin/employees/{employee}/calendar-feed";
        var old = (await (await _admin.SendJsonAsync(HttpMethod.Post, url, null)).JsonAsync()).GetProperty("path").GetString()!;
        var current = (await (await _admin.SendJsonAsync(HttpMethod.Post, url, null)).JsonAsync()).GetProperty("path").GetString()!;

        Assert.Equal(HttpStatusCode.OK, (await _calendarClient.GetAsync(current)).StatusCode);
        await (await _calendarClient.GetAsync(old)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _calendarClient.GetAsync("/api/v1/calendar/not-a-real-token.ics")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/employees/999999/calendar-feed", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private sealed record FeedEvent(string Uid, int Sequence, string Status, string Summary, DateTime StartUtc, string ETag, string Raw);

    private async Task<FeedEvent> ReadEventAsync(string path, string reference)
    {
        var response = await _calendarClient.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;
        var e = calendar.Events.Single(ev => ev.Uid!.StartsWith(reference + "@", StringComparison.Ordinal));
        return new FeedEvent(e.Uid!, e.Sequence, e.Status!, e.Summary!, e.DtStart!.AsUtc, response.Headers.ETag!.ToString(), text);
    }
}

public sealed class SqliteStaffCalendarFeedTests(AdminSqliteAppFactory app) : StaffCalendarFeedTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class MariaDbStaffCalendarFeedTests(AdminMariaDbAppFactory app) : StaffCalendarFeedTests(app), IClassFixture<AdminMariaDbAppFactory>;
