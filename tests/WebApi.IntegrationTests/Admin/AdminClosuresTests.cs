using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminClosuresTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    [Fact]
    public async Task AddClosure_ClosesTheDayForEveryone_AndRemovingItReopens()
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        var date = TestDates.Weekday(6);
        var availability = $"/api/v1/availability?date={date.Text()}&employeeId={employee}&serviceId={haircut}";

        var added = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures", new { date = date.Text(), reason = "Inventory day" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.JsonAsync()).GetProperty("id").GetInt32();
        var closed = await app.CreateClient().GetFromJsonAsync<JsonElement>(availability);
        Assert.Empty(closed.GetProperty("slots").EnumerateArray());
        var list = await _admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/admin/closures?from={date.Text()}&to={date.Text()}");
        Assert.Equal("Inventory day", Assert.Single(list!).GetProperty("reason").GetString());

        var removed = await _admin.DeleteAsync($"/api/v1/admin/closures/{id}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var open = await app.CreateClient().GetFromJsonAsync<JsonElement>(availability);
        Assert.NotEmpty(open.GetProperty("slots").EnumerateArray());
    }

    [Fact]
    public async Task AddClosure_OnAnAlreadyClosedDate_Returns409NamingDate()
    {
        var date = TestDates.Weekday(7).Text();
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures", new { date, reason = "First" })).EnsureSuccessStatusCode();

        var again = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures", new { date, reason = "Second" });

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "date");
    }

    [Fact]
    public async Task AddClosure_WithBadDateOrHugeReason_Returns422NamingTheField()
    {
        var badDate = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures", new { date = "25.12.2026", reason = "Xmas" });
        var hugeReason = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures", new { date = "2030-12-25", reason = new string('r', 5000) });

        await badDate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "date");
        await hugeReason.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");
    }

    [Fact]
    public async Task RemoveClosure_Unknown_Returns404()
    {
        var response = await _admin.DeleteAsync("/api/v1/admin/closures/987654");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class AdminClosuresTestsOnSqlite(AdminSqliteAppFactory app) : AdminClosuresTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminClosuresTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminClosuresTests(app), IClassFixture<AdminMariaDbAppFactory>;
