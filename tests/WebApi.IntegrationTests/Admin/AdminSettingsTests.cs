using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminSettingsTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    private static Dictionary<string, object?> Body(JsonElement current) =>
        current.EnumerateObject().Where(p => p.Name != "version")
            .ToDictionary(p => p.Name, p => (object?)(p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetInt32() : p.Value.GetString()));

    [Fact]
    public async Task GetSettings_ReturnsAllFieldsWithETag()
    {
        var response = await _admin.GetAsync("/api/v1/admin/settings");

        var settings = await response.JsonAsync();
        Assert.Equal("Europe/Berlin", settings.GetProperty("timeZone").GetString());
        Assert.Equal(30, settings.GetProperty("slotMinutes").GetInt32());
        Assert.True(settings.GetProperty("heartbeatIntervalMs").GetInt32() > 0);
        Assert.Equal($"W/\"{settings.GetProperty("version").GetInt32()}\"", response.ETag());
    }

    [Fact]
    public async Task UpdateSettings_WithCurrentIfMatch_AppliesAtOnce_AndStaleOneGets412()
    {
        var read = await _admin.GetAsync("/api/v1/admin/settings");
        var body = Body(await read.JsonAsync());
        body["businessName"] = "Renamed Salon";
        body["heartbeatIntervalMs"] = 2000;

        var updated = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/settings", body, read.ETag());
        var stale = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/settings", body, read.ETag());

        Assert.Equal(2000, (await updated.JsonAsync()).GetProperty("heartbeatIntervalMs").GetInt32());
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var hours = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/business-hours");
        Assert.Equal("Renamed Salon", hours.GetProperty("businessName").GetString());
    }

    [Theory]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("slotMinutes", 7)]
    [InlineData("slotMinutes", 60)]
    [InlineData("bookingHorizonDays", 0)]
    [InlineData("minimumNoticeMinutes", -5)]
    [InlineData("businessName", "")]
    public async Task UpdateSettings_WithBadValue_Returns422NamingTheField(string field, object value)
    {
        var read = await _admin.GetAsync("/api/v1/admin/settings");
        var body = Body(await read.JsonAsync());
        body[field] = value;

        var response = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/settings", body, read.ETag());

        // slotMinutes 60 is a valid grid but the seeded 30- and 90-minute services would fall off it.
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
    }
}

public abstract class AdminBusinessHoursTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    [Fact]
    public async Task SetBusinessHours_ReflectsInAvailabilityAtOnce_StaleETagGets412_AndBookingsStay()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var date = TestDates.Weekday(5);
        var day = date.DayOfWeek.ToString().ToLowerInvariant();
        var booked = AppointmentSeeder.New(haircut, employee, AppointmentSeeder.BerlinToUtc(date, new TimeOnly(15, 0)), 30);
        await app.WithDbAsync(async db => { db.Appointments.Add(booked); await db.SaveChangesAsync(); });
        var read = await _admin.GetAsync("/api/v1/admin/business-hours");
        var current = await read.JsonAsync();
        var days = current.GetProperty("days").EnumerateArray()
            .Select(d => d.GetProperty("day").GetString() == day
                ? (object)new { day, opens = "09:00", closes = "13:00", breaks = Array.Empty<object>() }
                : JsonSerializer.Deserialize<JsonElement>(d.GetRawText()))
            .ToArray();

        var updated = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/business-hours", new { days }, read.ETag());
        var stale = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/business-hours", new { days }, read.ETag());

        await updated.JsonAsync();
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var slots = (await app.CreateClient().GetFromJsonAsync<JsonElement>(
            $"/api/v1/availability?date={date.Text()}&employeeId={employee}&serviceId={haircut}")).GetProperty("slots").EnumerateArray()
            .Select(s => s.GetProperty("time").GetString()!).ToList();
        Assert.Contains("11:30", slots);
        Assert.DoesNotContain(slots, t => string.CompareOrdinal(t, "13:00") >= 0);
        var search = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={employee}");
        Assert.Equal(booked.Reference, Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("reference").GetString());
    }

    [Fact]
    public async Task SetBusinessHours_WithBreakOutsideHours_Returns422NamingIt()
    {
        var read = await _admin.GetAsync("/api/v1/admin/business-hours");

        var response = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/admin/business-hours",
            new { days = new[] { new { day = "monday", opens = "09:00", closes = "12:00", breaks = new[] { new { start = "11:30", end = "12:30" } } } } },
            read.ETag());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days[0].breaks[0].end");
    }
}

public sealed class AdminBusinessHoursTestsOnSqlite(AdminSqliteAppFactory app) : AdminBusinessHoursTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminBusinessHoursTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminBusinessHoursTests(app), IClassFixture<AdminMariaDbAppFactory>;

public sealed class AdminSettingsTestsOnSqlite(AdminSqliteAppFactory app) : AdminSettingsTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminSettingsTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminSettingsTests(app), IClassFixture<AdminMariaDbAppFactory>;
