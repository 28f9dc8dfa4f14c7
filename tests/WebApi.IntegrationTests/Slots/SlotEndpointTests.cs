using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>The slot contract over HTTP, in SQL mode (SQLite) and in Redis mode (MariaDB + Redis).</summary>
public abstract class SlotEndpointTests(AppFactory app, string expectedStorageMode)
{
    private const int Employee = 1;
    private readonly HttpClient _client = app.CreateClient();
    private readonly string _alice = "alice-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _bob = "bob-" + Guid.NewGuid().ToString("N")[..12];

    private static object Slot(DateOnly date, string time, string clientId, int employeeId = Employee) =>
        new { date = date.Text(), employeeId, time, clientId };

    private Task<HttpResponseMessage> PostAsync(string path, object body) => _client.PostAsJsonAsync(path, body);

    private async Task<JsonElement> HeartbeatAsync(DateOnly date, string clientId, string? selectedTime = null)
    {
        var response = await PostAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId, selectedTime });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string[] Times(JsonElement heartbeat, string property) =>
        heartbeat.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task Select_OpenSlot_Returns200WithTheSelectionTtl()
    {
        var response = await PostAsync("/api/v1/slots/select", Slot(TestDates.Weekday(0), "10:00", _alice));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(10, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresInSeconds").GetInt32());
    }

    [Fact]
    public async Task Lock_WhenHeldByAnotherClient_ReturnsConflict()
    {
        var date = TestDates.Weekday(1);
        var first = await PostAsync("/api/v1/slots/lock", Slot(date, "10:30", _alice));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("lockToken").GetString()));
        Assert.True(body.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow.AddMinutes(9));

        var second = await PostAsync("/api/v1/slots/lock", Slot(date, "10:30", _bob));

        await second.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Lock_AgainBySameClient_ReturnsTheSameToken()
    {
        var date = TestDates.Weekday(1);
        var first = await (await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", _alice))).Content.ReadFromJsonAsync<JsonElement>();

        var again = await (await PostAsync("/api/v1/slots/lock", Slot(date, "11:00", _alice))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("lockToken").GetString(), again.GetProperty("lockToken").GetString());
    }

    [Fact]
    public async Task Select_SlotLockedByAnotherClient_ReturnsConflict()
    {
        var date = TestDates.Weekday(1);
        await PostAsync("/api/v1/slots/lock", Slot(date, "11:30", _alice));

        var response = await PostAsync("/api/v1/slots/select", Slot(date, "11:30", _bob));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "time");
    }

    [Fact]
    public async Task ReleaseLock_ByAnotherClient_Returns404_ByOwner_Returns204()
    {
        var date = TestDates.Weekday(1);
        var token = (await (await PostAsync("/api/v1/slots/lock", Slot(date, "13:00", _alice))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("lockToken").GetString();

        var byBob = await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={_bob}");
        var byAlice = await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={_alice}");
        var again = await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={_alice}");

        await byBob.AssertProblemAsync(HttpStatusCode.NotFound, "lockToken");
        Assert.Equal(HttpStatusCode.NoContent, byAlice.StatusCode);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/v1/slots/lock", Slot(date, "13:00", _bob))).StatusCode);
    }

    [Fact]
    public async Task Deselect_Returns204_AndOthersNoLongerSeeTheSelection()
    {
        var date = TestDates.Weekday(2);
        await PostAsync("/api/v1/slots/select", Slot(date, "14:00", _alice));
        Assert.Contains("14:00", Times(await HeartbeatAsync(date, _bob), "activeSelections"));

        var response = await PostAsync("/api/v1/slots/deselect", Slot(date, "14:00", _alice));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.DoesNotContain("14:00", Times(await HeartbeatAsync(date, _bob), "activeSelections"));
    }

    [Fact]
    public async Task Heartbeat_LeavesOutTheCallersOwnHolds_AndShowsOthers()
    {
        var date = TestDates.Weekday(3);
        foreach (var (path, time, client) in new[]
                 { ("select", "09:00", _alice), ("lock", "09:30", _alice), ("select", "10:00", _bob), ("lock", "10:30", _bob) })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/v1/slots/{path}", Slot(date, time, client))).StatusCode);

        var seenByAlice = await HeartbeatAsync(date, _alice);

        Assert.Equal(["10:00"], Times(seenByAlice, "activeSelections"));
        Assert.Equal(["10:30"], Times(seenByAlice, "lockedSlots"));
        Assert.Empty(Times(seenByAlice, "bookedSlots"));
        Assert.Equal(expectedStorageMode, seenByAlice.GetProperty("storageMode").GetString());
        Assert.Equal(expectedStorageMode == "redis" ? "available" : "unavailable", seenByAlice.GetProperty("redisStatus").GetString());
        Assert.Equal(1000, seenByAlice.GetProperty("heartbeatIntervalMs").GetInt32());
        Assert.True(Math.Abs((seenByAlice.GetProperty("serverTime").GetDateTime() - DateTime.UtcNow).TotalSeconds) < 30);
    }

    [Fact]
    public async Task Heartbeat_WithSelectedTime_MakesTheSelectionVisibleToOthers()
    {
        var date = TestDates.Weekday(4);

        await HeartbeatAsync(date, _alice, selectedTime: "15:00");

        Assert.Equal(["15:00"], Times(await HeartbeatAsync(date, _bob), "activeSelections"));
    }

    [Fact]
    public async Task Heartbeat_ShowsBookedStarts()
    {
        var date = TestDates.Weekday(5);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(15, 0)), berlin);
        await app.WithDbAsync(async db =>
        {
            db.Appointments.Add(new Appointment(AppointmentReference.New(date.Year), 1, Employee, startUtc, startUtc.AddMinutes(30), "Test Person",
                EmailAddress.Parse("test@example.com"), null, null, "hash", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var heartbeat = await HeartbeatAsync(date, _alice);
        var select = await PostAsync("/api/v1/slots/select", Slot(date, "15:00", _alice));

        Assert.Equal(["15:00"], Times(heartbeat, "bookedSlots"));
        await select.AssertProblemAsync(HttpStatusCode.Conflict, "time");
    }

    [Fact]
    public async Task Heartbeat_AfterABookingAndItsChangeNotice_ShowsTheNewBookedStart()
    {
        var date = TestDates.Weekday(9);
        Assert.Empty(Times(await HeartbeatAsync(date, _alice), "bookedSlots")); // warms the day's cache in Redis mode

        await BookAsync(date, new TimeOnly(16, 0));
        await app.Services.GetRequiredService<ISlotChangeNotifier>().SlotsChangedAsync(date, Employee, default);

        Assert.Equal(["16:00"], Times(await HeartbeatAsync(date, _alice), "bookedSlots"));
    }

    private Task BookAsync(DateOnly date, TimeOnly time)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), berlin);
        return app.WithDbAsync(async db =>
        {
            db.Appointments.Add(new Appointment(AppointmentReference.New(date.Year), 1, Employee, startUtc, startUtc.AddMinutes(30), "Test Person",
                EmailAddress.Parse("test@example.com"), null, null, "hash", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Heartbeat_WithMatchingIfNoneMatch_Returns304_UntilSomethingChanges()
    {
        var date = TestDates.Weekday(6);
        var body = new { date = date.Text(), employeeId = Employee, clientId = _alice };
        var first = await PostAsync("/api/v1/heartbeat", body);
        var etag = first.Headers.ETag!;

        var unchanged = await SendWithEtagAsync(body, etag);
        await PostAsync("/api/v1/slots/select", Slot(date, "16:00", _bob));
        var changed = await SendWithEtagAsync(body, etag);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    private Task<HttpResponseMessage> SendWithEtagAsync(object body, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/heartbeat") { Content = JsonContent.Create(body) };
        request.Headers.IfNoneMatch.Add(etag);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheHeartbeatSnapshotBody_And429WithRetryAfter()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var heartbeat = document.GetProperty("paths").GetProperty("/api/v1/heartbeat").GetProperty("post");
        var responses = heartbeat.GetProperty("responses");
        Assert.Equal("#/components/schemas/HeartbeatSnapshot", responses.GetProperty("200").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        var tooMany = responses.GetProperty("429");
        Assert.True(tooMany.GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.Equal("integer", tooMany.GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());
        Assert.Contains("Retry-After", heartbeat.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Availability_MarksLockedAndSelectedSlots()
    {
        var date = TestDates.Weekday(7);
        await PostAsync("/api/v1/slots/lock", Slot(date, "09:00", _alice));
        await PostAsync("/api/v1/slots/select", Slot(date, "10:00", _bob));

        var day = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={Employee}&serviceId=1");

        var statuses = day.GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("time").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal("locked", statuses["09:00"]);
        Assert.Equal("selected", statuses["10:00"]);
        Assert.Equal("available", statuses["11:00"]);
    }

    [Fact]
    public async Task HealthReady_ReportsTheStorageMode()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(expectedStorageMode, health.GetProperty("checks").GetProperty("slotState").GetProperty("data").GetProperty("storageMode").GetString());
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadSlotRequests()
    {
        var open = TestDates.Weekday(8).Text();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).Text();
        var farAway = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(3).Text();
        const string client = "valid-client-1";
        return new TheoryData<string, string, HttpStatusCode, string?>
        {
            { "/api/v1/slots/select", $$"""{"date":"{{open}}","employeeId":1,"time":"10:00","clientId":"short"}""", HttpStatusCode.UnprocessableEntity, "clientId" },
            { "/api/v1/slots/select", $$"""{"date":"{{open}}","employeeId":1,"time":"10:00","clientId":"bad client id!"}""", HttpStatusCode.UnprocessableEntity, "clientId" },
            { "/api/v1/slots/lock", $$"""{"date":"{{open}}","employeeId":4242,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.NotFound, "employeeId" },
            { "/api/v1/slots/lock", $$"""{"date":"{{yesterday}}","employeeId":1,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "date" },
            { "/api/v1/slots/lock", $$"""{"date":"{{farAway}}","employeeId":1,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "date" },
            { "/api/v1/slots/lock", $$"""{"date":"{{open}}","employeeId":1,"time":"10:10","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "time" },
            { "/api/v1/slots/lock", $$"""{"date":"{{open}}","employeeId":1,"time":"20:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "time" },
            { "/api/v1/slots/lock", $$"""{"date":"{{open}}","employeeId":1,"time":"12:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "time" },
            { "/api/v1/slots/select", $$"""{"date":"2026-02-30","employeeId":1,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "date" },
            { "/api/v1/slots/select", $$"""{"date":"{{open}}","employeeId":0,"time":"25:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "time" },
            { "/api/v1/slots/select", $$"""{"date":"{{TestDates.NextSaturday().Text()}}","employeeId":1,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "time" },
            { "/api/v1/slots/deselect", $$"""{"date":"{{open}}","employeeId":4242,"time":"10:00","clientId":"{{client}}"}""", HttpStatusCode.NotFound, "employeeId" },
            { "/api/v1/slots/deselect", $$"""{"date":"{{open}}","employeeId":1,"time":"10:00"}""", HttpStatusCode.UnprocessableEntity, "clientId" },
            { "/api/v1/heartbeat", $$"""{"date":"{{open}}","employeeId":1,"clientId":"x"}""", HttpStatusCode.UnprocessableEntity, "clientId" },
            { "/api/v1/heartbeat", $$"""{"date":"{{open}}","employeeId":4242,"clientId":"{{client}}"}""", HttpStatusCode.NotFound, "employeeId" },
            { "/api/v1/heartbeat", $$"""{"date":"{{yesterday}}","employeeId":1,"clientId":"{{client}}"}""", HttpStatusCode.UnprocessableEntity, "date" },
            { "/api/v1/heartbeat", $$"""{"date":"{{open}}","employeeId":1,"clientId":"{{client}}","selectedTime":"10:07"}""", HttpStatusCode.UnprocessableEntity, "selectedTime" },
            { "/api/v1/heartbeat", $$"""{"date":"{{open}}","employeeId":1,"clientId":"{{client}}","selectedTime":"noon"}""", HttpStatusCode.UnprocessableEntity, "selectedTime" },
        };
    }

    [Theory]
    [MemberData(nameof(BadSlotRequests))]
    public async Task BadInput_IsA4xxProblemNamingTheField(string path, string json, HttpStatusCode expected, string? field)
    {
        var response = await _client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(expected, field);
    }

    [Theory]
    [InlineData("not-a-token", "valid-client-1")]
    [InlineData("20261201_1000_1_0123456789abcdef0123456789abcdef", "valid-client-1")]
    public async Task ReleaseLock_WithAnUnknownOrMalformedToken_Returns404(string token, string clientId)
    {
        var response = await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={clientId}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "lockToken");
    }

    [Fact]
    public async Task ReleaseLock_WithoutClientId_Returns422()
    {
        var response = await _client.DeleteAsync("/api/v1/slots/lock/20261201_1000_1_0123456789abcdef0123456789abcdef");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "clientId");
    }

    [Fact]
    public async Task Select_WithMalformedJson_IsA4xxNever5xx()
    {
        var response = await _client.PostAsync("/api/v1/slots/select", new StringContent("""{"employeeId":"abc"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }
}

public sealed class SlotEndpointTestsOnSqlite(SqliteAppFactory app) : SlotEndpointTests(app, "mysql"), IClassFixture<SqliteAppFactory>;

public sealed class SlotEndpointTestsOnMariaDbWithRedis(MariaDbRedisAppFactory app) : SlotEndpointTests(app, "redis"), IClassFixture<MariaDbRedisAppFactory>;
