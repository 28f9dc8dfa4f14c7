using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminEmployeesTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    private static object Day(string day, string opens, string closes, params (string Start, string End)[] breaks) =>
        new { day, opens, closes, breaks = breaks.Select(b => new { start = b.Start, end = b.End }).ToArray() };

    private async Task<HttpResponseMessage> PutHoursAsync(int id, string etag, params object[] days) =>
        await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/hours", new { days }, etag);

    private async Task<JsonElement> AvailabilityAsync(int employeeId, int serviceId, DateOnly date) =>
        await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date.Text()}&employeeId={employeeId}&serviceId={serviceId}");

    private static Dictionary<string, string> Slots(JsonElement day) =>
        day.GetProperty("slots").EnumerateArray().ToDictionary(s => s.GetProperty("time").GetString()!, s => s.GetProperty("status").GetString()!);

    [Fact]
    public async Task CreateEmployee_WithServicesAndHours_ReturnsThemMondayFirst()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");

        var (id, _) = await _admin.CreateWorkingEmployeeAsync(haircut);

        var employee = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/employees/{id}");
        Assert.Equal([haircut], employee.GetProperty("serviceIds").EnumerateArray().Select(e => e.GetInt32()));
        var hours = employee.GetProperty("hours").EnumerateArray().ToList();
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday"], hours.Select(h => h.GetProperty("day").GetString()));
        Assert.Equal("12:00", hours[0].GetProperty("breaks")[0].GetProperty("start").GetString());
    }

    [Fact]
    public async Task ChangingHours_ReflectsInAvailabilityAtOnce_AndKeepsBookingsOutsideThem()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var date = TestDates.Weekday(3);
        var booked = AppointmentSeeder.New(haircut, id, AppointmentSeeder.BerlinToUtc(date, new TimeOnly(16, 0)), 30);
        await app.WithDbAsync(async db => { db.Appointments.Add(booked); await db.SaveChangesAsync(); });
        Assert.Equal("booked", Slots(await AvailabilityAsync(id, haircut, date))["16:00"]);

        var shorter = await PutHoursAsync(id, etag, Day(date.DayOfWeek.ToString().ToLowerInvariant(), "09:00", "12:00"));
        await shorter.JsonAsync();

        var afterShortening = Slots(await AvailabilityAsync(id, haircut, date));
        Assert.Contains("11:30", afterShortening.Keys);
        Assert.DoesNotContain(afterShortening.Keys, t => string.CompareOrdinal(t, "12:00") >= 0);
        var search = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={id}");
        var listed = Assert.Single(search.GetProperty("items").EnumerateArray());
        Assert.Equal(booked.Reference, listed.GetProperty("reference").GetString());
        Assert.Equal("confirmed", listed.GetProperty("status").GetString());
        Assert.Equal("16:00", listed.GetProperty("start").GetString());

        var longer = await PutHoursAsync(id, shorter.ETag(), Day(date.DayOfWeek.ToString().ToLowerInvariant(), "09:00", "18:00"));
        await longer.JsonAsync();
        var afterWidening = Slots(await AvailabilityAsync(id, haircut, date));
        Assert.Equal("booked", afterWidening["16:00"]);
        Assert.Equal("available", afterWidening["16:30"]);
    }

    [Fact]
    public async Task SetHours_WithStaleIfMatch_Returns412()
    {
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync();
        (await PutHoursAsync(id, etag, Day("monday", "08:00", "12:00"))).EnsureSuccessStatusCode();

        var stale = await PutHoursAsync(id, etag, Day("monday", "10:00", "12:00"));

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task UpdateEmployee_WithStaleIfMatch_Returns412_AndWithCurrentOneRenames()
    {
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync();
        var renamed = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}", new { name = "Renamed " + id }, etag);
        Assert.Equal("Renamed " + id, (await renamed.JsonAsync()).GetProperty("name").GetString());

        var stale = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}", new { name = "Lost update" }, etag);

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("days[0].breaks", "09:00", "17:00", "12:00", "13:00", "12:30", "14:00")]
    [InlineData("days[0].breaks[0].end", "09:00", "12:00", "11:00", "13:00", null, null)]
    [InlineData("days[0].closes", "17:00", "09:00", null, null, null, null)]
    [InlineData("days[0].opens", "9am", "17:00", null, null, null, null)]
    public async Task SetHours_WithBadHours_Returns422NamingTheField(string field, string opens, string closes,
        string? b1Start, string? b1End, string? b2Start, string? b2End)
    {
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync();
        var breaks = new List<(string, string)>();
        if (b1Start is not null) breaks.Add((b1Start, b1End!));
        if (b2Start is not null) breaks.Add((b2Start, b2End!));

        var response = await PutHoursAsync(id, etag, Day("monday", opens, closes, [.. breaks]));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
    }

    [Fact]
    public async Task SetHours_WithTheSameDayTwice_Returns422NamingDays()
    {
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync();

        var response = await PutHoursAsync(id, etag, Day("monday", "08:00", "12:00"), Day("Monday", "11:00", "15:00"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days");
    }

    [Fact]
    public async Task SetHours_WithNullEntries_Returns422NotA500()
    {
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync();

        var nullDay = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/hours", new { days = new object?[] { null } }, etag);
        var nullBreak = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/hours",
            new { days = new[] { new { day = "monday", opens = "09:00", closes = "17:00", breaks = new object?[] { null } } } }, etag);
        var noBody = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/hours", new { }, etag);

        await nullDay.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days");
        await nullBreak.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days[0].breaks");
        await noBody.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days");
    }

    [Fact]
    public async Task SetServices_WithUnknownService_Returns422_AndWithKnownOnesReplacesThem()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var consultation = await _admin.ServiceIdAsync("Consultation");
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync(haircut);

        var unknown = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/services", new { serviceIds = new[] { 999_999 } }, etag);
        var replaced = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/employees/{id}/services", new { serviceIds = new[] { consultation } }, etag);

        await unknown.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "serviceIds");
        Assert.Equal([consultation], (await replaced.JsonAsync()).GetProperty("serviceIds").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task DeactivateEmployee_WithFutureBooking_KeepsTheBookingValid()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (id, etag) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var appointment = AppointmentSeeder.New(haircut, id, AppointmentSeeder.BerlinToUtc(TestDates.Weekday(2), new TimeOnly(10, 0)), 30);
        await app.WithDbAsync(async db => { db.Appointments.Add(appointment); await db.SaveChangesAsync(); });

        var response = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/employees/{id}/deactivate", null, etag);

        Assert.False((await response.JsonAsync()).GetProperty("isActive").GetBoolean());
        var search = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={id}&status=confirmed");
        Assert.Single(search.GetProperty("items").EnumerateArray());
        var publicList = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/employees");
        Assert.DoesNotContain(publicList!, e => e.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task TimeOff_AddListRemove_BlocksAndReopensTheDays()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (id, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var date = TestDates.Weekday(4);

        var added = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/employees/{id}/time-off",
            new { from = date.Text(), to = date.Text(), reason = "Dentist" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var timeOffId = (await added.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Empty(Slots(await AvailabilityAsync(id, haircut, date)));
        var list = await _admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/admin/employees/{id}/time-off");
        Assert.Equal("Dentist", Assert.Single(list!).GetProperty("reason").GetString());

        var removed = await _admin.DeleteAsync($"/api/v1/admin/employees/{id}/time-off/{timeOffId}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.NotEmpty(Slots(await AvailabilityAsync(id, haircut, date)));
    }

    [Fact]
    public async Task AddTimeOff_EndingBeforeItStarts_Returns422NamingTo()
    {
        var (id, _) = await _admin.CreateWorkingEmployeeAsync();

        var response = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/employees/{id}/time-off",
            new { from = "2030-05-10", to = "2030-05-01" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "to");
    }
}

public sealed class AdminEmployeesTestsOnSqlite(AdminSqliteAppFactory app) : AdminEmployeesTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminEmployeesTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminEmployeesTests(app), IClassFixture<AdminMariaDbAppFactory>;
