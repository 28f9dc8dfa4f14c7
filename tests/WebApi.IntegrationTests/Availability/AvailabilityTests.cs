using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Availability;

public abstract class AvailabilityTests(AppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<(int ServiceId, int EmployeeId)> HaircutWithAlexAsync()
    {
        var services = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var haircut = services!.Single(s => s.GetProperty("name").GetString() == "Haircut").GetProperty("id").GetInt32();
        var employees = await _client.GetFromJsonAsync<JsonElement[]>($"/api/v1/employees?serviceId={haircut}");
        var alex = employees!.Single(e => e.GetProperty("name").GetString() == "Alex Morgan").GetProperty("id").GetInt32();
        return (haircut, alex);
    }

    [Fact]
    public async Task Availability_ForAnOpenWeekday_ReturnsSeededSlotsAroundTheLunchBreak()
    {
        var (service, employee) = await HaircutWithAlexAsync();
        var date = TestDates.Weekday(1).Text();

        var day = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={date}&employeeId={employee}&serviceId={service}");

        Assert.Equal(date, day.GetProperty("date").GetString());
        Assert.Equal(employee, day.GetProperty("employeeId").GetInt32());
        var slots = day.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(14, slots.Count); // 09:00–17:00, 30-minute grid, minus 12:00–13:00
        Assert.Equal("09:00", slots[0].GetProperty("time").GetString());
        Assert.DoesNotContain(slots, s => s.GetProperty("time").GetString() == "12:00");
        Assert.All(slots, s => Assert.Equal("available", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Availability_AfterAClosureIsSaved_ShowsTheDayClosedAtOnce_ThoughTheCatalogueIsCached()
    {
        var (service, employee) = await HaircutWithAlexAsync();
        var date = TestDates.Weekday(27);
        var url = $"/api/v1/availability?date={date.Text()}&employeeId={employee}&serviceId={service}";
        var before = await _client.GetFromJsonAsync<JsonElement>(url); // loads the cached catalogue

        await app.WithDbAsync(async db =>
        {
            db.Closures.Add(new AppointEase.Domain.Catalogue.Closure(date, "Inventory"));
            await db.SaveChangesAsync();
        });
        var closed = await _client.GetFromJsonAsync<JsonElement>(url);
        await app.WithDbAsync(async db =>
        {
            db.Closures.RemoveRange(db.Closures.Where(c => c.Date == date));
            await db.SaveChangesAsync();
        });
        var reopened = await _client.GetFromJsonAsync<JsonElement>(url);

        Assert.NotEmpty(before.GetProperty("slots").EnumerateArray());
        Assert.Empty(closed.GetProperty("slots").EnumerateArray());
        Assert.Equal(before.GetProperty("slots").GetArrayLength(), reopened.GetProperty("slots").GetArrayLength());
    }

    [Fact]
    public async Task Availability_OnASaturday_HasNoSlots()
    {
        var (service, employee) = await HaircutWithAlexAsync();

        var day = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/availability?date={TestDates.NextSaturday().Text()}&employeeId={employee}&serviceId={service}");

        Assert.Empty(day.GetProperty("slots").EnumerateArray());
    }

    [Fact]
    public async Task Availability_ForA31DayRange_ReturnsOneEntryPerDay()
    {
        var (service, employee) = await HaircutWithAlexAsync();
        var from = TestDates.Weekday(0);
        var to = from.AddDays(30);

        var days = await _client.GetFromJsonAsync<JsonElement[]>($"/api/v1/availability?from={from.Text()}&to={to.Text()}&employeeId={employee}&serviceId={service}");

        Assert.Equal(31, days!.Length);
        Assert.Equal(from.Text(), days[0].GetProperty("date").GetString());
        Assert.Equal(to.Text(), days[^1].GetProperty("date").GetString());
        Assert.Contains(days, d => d.GetProperty("slots").GetArrayLength() == 0); // weekends
    }

    [Theory]
    [InlineData("date=2026-13-45&employeeId=1&serviceId=1", "date")]
    [InlineData("date=tomorrow&employeeId=1&serviceId=1", "date")]
    [InlineData("date=2026-12-01&employeeId=-1&serviceId=1", "employeeId")]
    [InlineData("date=2026-12-01&employeeId=1&serviceId=0", "serviceId")]
    [InlineData("from=2026-12-10&to=2026-12-01&employeeId=1&serviceId=1", "from")]
    [InlineData("from=2026-12-01&to=2027-01-15&employeeId=1&serviceId=1", "to")]
    [InlineData("from=2026-12-01&employeeId=1&serviceId=1", "to")]
    [InlineData("employeeId=1&serviceId=1", "from")]
    [InlineData("date=2026-12-01&from=2026-12-01&to=2026-12-02&employeeId=1&serviceId=1", "from")]
    public async Task Availability_WithInvalidQuery_Returns422NamingTheField(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/availability?{query}");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
    }

    [Theory]
    [InlineData("date=2026-12-01&employeeId=99999999999&serviceId=1", "employeeId")]
    [InlineData("date=2026-12-01&employeeId=abc&serviceId=1", "employeeId")]
    [InlineData("date=2026-12-01&employeeId=1&serviceId=1e5", "serviceId")]
    [InlineData("date=2026-12-01&serviceId=1", "employeeId")]
    public async Task Availability_WithUnparseableOrMissingIds_Returns400NamingTheField(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/availability?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData(4242, 1, "serviceId")]
    [InlineData(1, 4242, "employeeId")]
    public async Task Availability_ForUnknownIds_Returns404NamingTheField(int serviceId, int employeeId, string field)
    {
        var response = await _client.GetAsync($"/api/v1/availability?date={TestDates.Weekday(0).Text()}&employeeId={employeeId}&serviceId={serviceId}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, field);
    }

    [Fact]
    public async Task Availability_ForAnEmployeeWhoDoesNotOfferTheService_Returns422()
    {
        var services = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var colouring = services!.Single(s => s.GetProperty("name").GetString() == "Colouring").GetProperty("id").GetInt32();
        var employees = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/employees");
        var sam = employees!.Single(e => e.GetProperty("name").GetString() == "Sam Lee").GetProperty("id").GetInt32();

        var response = await _client.GetAsync($"/api/v1/availability?date={TestDates.Weekday(0).Text()}&employeeId={sam}&serviceId={colouring}");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "employeeId");
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        var response = await _client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheCatalogueAndAvailability()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/availability", out var availability));
        Assert.False(string.IsNullOrEmpty(availability.GetProperty("get").GetProperty("summary").GetString()));
        Assert.True(paths.TryGetProperty("/api/v1/services", out _));
    }

    [Fact]
    public async Task ApiReferencePage_IsServed()
    {
        var response = await _client.GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class AvailabilityTestsOnSqlite(SqliteAppFactory app) : AvailabilityTests(app), IClassFixture<SqliteAppFactory>;

public sealed class AvailabilityTestsOnMariaDb(MariaDbAppFactory app) : AvailabilityTests(app), IClassFixture<MariaDbAppFactory>;
