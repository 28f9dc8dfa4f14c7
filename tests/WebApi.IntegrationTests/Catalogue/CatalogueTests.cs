using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Catalogue;

public abstract class CatalogueTests(AppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Services_AfterSeeding_ListsThreeActiveServicesByName()
    {
        var services = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");

        Assert.NotNull(services);
        Assert.Equal(["Colouring", "Consultation", "Haircut"], services.Select(s => s.GetProperty("name").GetString()));
        Assert.All(services, s => Assert.True(s.GetProperty("durationMinutes").GetInt32() > 0));
    }

    [Fact]
    public async Task Employees_FilteredByService_ReturnOnlyThoseOfferingIt()
    {
        var services = await _client.GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        var colouring = services!.Single(s => s.GetProperty("name").GetString() == "Colouring").GetProperty("id").GetInt32();

        var employees = await _client.GetFromJsonAsync<JsonElement[]>($"/api/v1/employees?serviceId={colouring}");

        Assert.NotNull(employees);
        Assert.Equal(2, employees.Length);
        Assert.All(employees, e => Assert.Contains(colouring, e.GetProperty("serviceIds").EnumerateArray().Select(i => i.GetInt32())));
    }

    [Fact]
    public async Task Employees_ForUnknownService_Return404NamingServiceId()
    {
        var response = await _client.GetAsync("/api/v1/employees?serviceId=4242");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "serviceId");
    }

    [Fact]
    public async Task BusinessHours_ListSevenDaysMondayFirstWithLunchBreak()
    {
        var hours = await _client.GetFromJsonAsync<JsonElement>("/api/v1/business-hours");

        Assert.Equal("Europe/Berlin", hours.GetProperty("timeZone").GetString());
        Assert.Equal(30, hours.GetProperty("slotMinutes").GetInt32());
        var days = hours.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        Assert.Equal("monday", days[0].GetProperty("day").GetString());
        Assert.Equal("12:00", days[0].GetProperty("breaks")[0].GetProperty("start").GetString());
        Assert.False(days[6].GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task HealthReady_WithDatabaseUp_Returns200()
    {
        var response = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class CatalogueTestsOnSqlite(SqliteAppFactory app) : CatalogueTests(app), IClassFixture<SqliteAppFactory>;

public sealed class CatalogueTestsOnMariaDb(MariaDbAppFactory app) : CatalogueTests(app), IClassFixture<MariaDbAppFactory>;
