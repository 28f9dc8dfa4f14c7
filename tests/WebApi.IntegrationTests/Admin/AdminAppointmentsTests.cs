using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminAppointmentsTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    private async Task<(int Employee, int Haircut)> EmployeeWithBookingsAsync(params (int Day, int Hour, string Name, string Email, string? Notes)[] bookings)
    {
        var haircut = await _admin.ServiceIdAsync("Haircut");
        var (employee, _) = await _admin.CreateWorkingEmployeeAsync(haircut);
        await app.WithDbAsync(async db =>
        {
            foreach (var b in bookings)
                db.Appointments.Add(AppointmentSeeder.New(haircut, employee,
                    AppointmentSeeder.BerlinToUtc(TestDates.Weekday(b.Day), new TimeOnly(b.Hour, 0)), 30, b.Name, b.Email, b.Notes));
            await db.SaveChangesAsync();
        });
        return (employee, haircut);
    }

    [Fact]
    public async Task Search_FiltersByEmployeeDateAndEmailPrefix_SortedByStart()
    {
        var (employee, _) = await EmployeeWithBookingsAsync(
            (1, 14, "Ann", "ann@example.com", null), (1, 10, "Anna", "anna@example.org", null), (2, 9, "Bob", "bob@example.com", null));

        var all = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={employee}");
        var byEmail = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={employee}&email=ANN");
        var byDay = await _admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/admin/appointments?employeeId={employee}&from={TestDates.Weekday(2).Text()}&to={TestDates.Weekday(2).Text()}");
        var desc = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/appointments?employeeId={employee}&sort=desc");

        static string[] Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerName").GetString()!).ToArray();
        Assert.Equal(["Anna", "Ann", "Bob"], Names(all));
        Assert.Equal(["Anna", "Ann"], Names(byEmail));
        Assert.Equal(["Bob"], Names(byDay));
        Assert.Equal(["Bob", "Ann", "Anna"], Names(desc));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Search_PagesWithCursorWithoutGapsOrRepeats()
    {
        var bookings = Enumerable.Range(0, 7).Select(i => (1 + i % 3, 9 + i, $"P{i}", $"p{i}@example.com", (string?)null)).ToArray();
        var (employee, _) = await EmployeeWithBookingsAsync(bookings);

        var seen = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/admin/appointments?employeeId={employee}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await _admin.GetFromJsonAsync<JsonElement>(url);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(7, seen.Count);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2030-05-10&to=2030-05-01", "to")]
    [InlineData("status=pending", "status")]
    [InlineData("sort=sideways", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100000", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Search_WithBadFilter_Returns422NamingTheField(string query, string field)
    {
        var response = await _admin.GetAsync("/api/v1/admin/appointments?" + query);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
    }

    [Fact]
    public async Task Export_QuotesCommasQuotesNewlinesAndKeepsNonAsciiNames()
    {
        var (employee, _) = await EmployeeWithBookingsAsync(
            (1, 9, "Müller, Zoë \"Zo\"", "zoe@example.com", "Line one\r\nLine two, with comma"),
            (1, 10, "=HYPERLINK(\"x\")", "eve@example.com", null),
            (1, 11, "Øyvind Åsen 山田", "oyvind@example.com", "\"quoted\""));

        var response = await _admin.GetAsync($"/api/v1/admin/appointments/export.csv?employeeId={employee}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = rows[0].ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Count, r.Length));
        string Cell(int row, string column) => rows[row][header.IndexOf(column)];
        Assert.Equal("Müller, Zoë \"Zo\"", Cell(1, "customerName"));
        Assert.Equal("Line one\r\nLine two, with comma", Cell(1, "notes"));
        Assert.Equal("'=HYPERLINK(\"x\")", Cell(2, "customerName"));
        Assert.Equal("Øyvind Åsen 山田", Cell(3, "customerName"));
        Assert.Equal("\"quoted\"", Cell(3, "notes"));
        Assert.Equal("09:00", Cell(1, "start"));
        Assert.Equal("Haircut", Cell(1, "service"));
    }

    [Theory]
    [InlineData("Ann;=1+1")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("Ann\t=1+1")]
    [InlineData("Ann\r=1+1")]
    [InlineData("=1+1")]
    [InlineData("+1+1")]
    [InlineData("-1+1")]
    [InlineData("@SUM(A1)")]
    [InlineData("Bob;+cmd|' /C calc'!A0")]
    public async Task Export_OfAFormulaInjectionName_QuotesEveryTextFieldAndNeutralisesTheFormula(string name)
    {
        var (employee, _) = await EmployeeWithBookingsAsync((1, 9, name, "mallory@example.com", name));

        var response = await _admin.GetAsync($"/api/v1/admin/appointments/export.csv?employeeId={employee}");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = Csv.ParseCells(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var header = rows[0].Select(c => c.Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(header.Count, rows[1].Length);
        foreach (var column in new[] { "reference", "status", "date", "start", "end", "service", "employee", "customerName", "customerEmail", "notes" })
            Assert.True(rows[1][header.IndexOf(column)].Quoted, $"{column} is not quoted");
        var exported = rows[1][header.IndexOf("customerName")].Value;
        var stored = name.Trim(); // the domain trims names and notes
        var expected = stored[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + stored : stored;
        Assert.Equal(expected, exported);
        Assert.Equal(expected, rows[1][header.IndexOf("notes")].Value);
    }

    [Fact]
    public async Task Export_WithBadFilter_Returns422BeforeStreaming()
    {
        var response = await _admin.GetAsync("/api/v1/admin/appointments/export.csv?status=maybe");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "status");
    }
}

public sealed class AdminAppointmentsTestsOnSqlite(AdminSqliteAppFactory app) : AdminAppointmentsTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminAppointmentsTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminAppointmentsTests(app), IClassFixture<AdminMariaDbAppFactory>;
