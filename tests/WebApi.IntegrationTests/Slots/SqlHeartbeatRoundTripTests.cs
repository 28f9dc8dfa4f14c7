using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// In SQL mode a heartbeat is ONE database command (decision 065): the rate-limit count, the selection refresh, the
/// day's selections and locks and the employee's bookings. Every DbCommand EF runs while the app serves the request is
/// recorded (<see cref="RequestCommandRecorder"/>). The clock is pinned, so the 5-second settings and catalogue caches
/// filled by the warm-up call are still warm for the counted one.
/// </summary>
public abstract class SqlHeartbeatRoundTripTests(SqlHeartbeatAppFactory app)
{
    private const int Employee = 1;
    private readonly HttpClient _client = app.CreateClient();
    private readonly string _alice = "alice-" + Guid.NewGuid().ToString("N")[..12];

    [Theory]
    [InlineData("10:00")]
    [InlineData(null)]
    public async Task Heartbeat_InSqlMode_WarmCall_RunsExactlyOneDatabaseCommand(string? selectedTime)
    {
        var date = TestDates.Weekday(2);
        await HeartbeatAsync(date, selectedTime); // warm-up: settings and catalogue caches, connection pool

        var (heartbeat, commands) = await RecordedHeartbeatAsync(date, selectedTime);

        var command = Assert.Single(commands);
        Assert.Contains("rate_limit_counters", command);
        Assert.Contains("appointments", command);
        Assert.Equal(selectedTime is not null, command.Contains("INSERT INTO slot_selections", StringComparison.Ordinal));
        Assert.Equal("mysql", heartbeat.GetProperty("storageMode").GetString());
    }

    [Fact]
    public async Task Heartbeat_InSqlMode_ShowsBookedStartsWithBuffers_ReadInItsOneCommand()
    {
        var date = TestDates.Weekday(7);
        var services = await ServiceIdsAsync();
        await BookAsync(date, new TimeOnly(10, 0), services["Haircut"], minutes: 30);
        await BookAsync(date, new TimeOnly(13, 0), services["Colouring"], minutes: 90); // 15 min buffer after: busy until 14:45
        await BookAsync(date, new TimeOnly(16, 0), services["Haircut"], minutes: 30, cancelled: true);
        await BookAsync(date, new TimeOnly(11, 0), services["Haircut"], minutes: 30, employeeId: Employee + 1);
        await HeartbeatAsync(date, null);

        var (heartbeat, commands) = await RecordedHeartbeatAsync(date, null);

        Assert.Single(commands);
        Assert.Equal(["10:00", "13:00", "13:30", "14:00", "14:30"],
            heartbeat.GetProperty("bookedSlots").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task Heartbeat_InSqlMode_ShowsOthersSelectionsAndLocks_NotTheCallersOwn()
    {
        var date = TestDates.Weekday(8);
        var bob = "bob-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/v1/slots/lock",
            new { date = date.Text(), employeeId = Employee, time = "11:00", clientId = bob })).StatusCode);
        await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = bob, selectedTime = "10:30" });

        var (heartbeat, commands) = await RecordedHeartbeatAsync(date, "09:30");

        Assert.Single(commands);
        Assert.Equal(["10:30"], heartbeat.GetProperty("activeSelections").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["11:00"], heartbeat.GetProperty("lockedSlots").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    private async Task<JsonElement> HeartbeatAsync(DateOnly date, string? selectedTime)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = _alice, selectedTime });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(JsonElement Heartbeat, IReadOnlyList<string> Commands)> RecordedHeartbeatAsync(DateOnly date, string? selectedTime)
    {
        var requestId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/heartbeat")
        {
            Content = JsonContent.Create(new { date = date.Text(), employeeId = Employee, clientId = _alice, selectedTime }),
        };
        request.Headers.Add(RequestCommandRecorder.Header, requestId);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), app.Commands.CommandsOf(requestId));
    }

    private async Task<Dictionary<string, int>> ServiceIdsAsync()
    {
        Dictionary<string, int> ids = [];
        await app.WithDbAsync(async db => ids = await db.Services.ToDictionaryAsync(s => s.Name, s => s.Id));
        return ids;
    }

    private Task BookAsync(DateOnly date, TimeOnly time, int serviceId, int minutes, bool cancelled = false, int employeeId = Employee)
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var startUtc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time), berlin);
        return app.WithDbAsync(async db =>
        {
            var appointment = new Appointment(AppointmentReference.New(date.Year), serviceId, employeeId, startUtc, startUtc.AddMinutes(minutes),
                "Test Person", EmailAddress.Parse("test@example.com"), null, null, "hash", DateTime.UtcNow);
            if (cancelled) appointment.Cancel(DateTime.UtcNow);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
        });
    }
}

/// <summary>SQL mode (no Redis) with a pinned clock and every request's DbCommands recorded.</summary>
public abstract class SqlHeartbeatAppFactory : AppFactory
{
    protected SqlHeartbeatAppFactory(DatabaseKind database) : base(database)
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(TwoInstances.MidWindow()));
            Commands.Register(services, database);
        };
    }

    public RequestCommandRecorder Commands { get; } = new();
}

public sealed class SqliteSqlHeartbeatAppFactory() : SqlHeartbeatAppFactory(DatabaseKind.Sqlite);

public sealed class MariaDbSqlHeartbeatAppFactory() : SqlHeartbeatAppFactory(DatabaseKind.MariaDb);

public sealed class SqlHeartbeatRoundTripTestsOnSqlite(SqliteSqlHeartbeatAppFactory app)
    : SqlHeartbeatRoundTripTests(app), IClassFixture<SqliteSqlHeartbeatAppFactory>;

public sealed class SqlHeartbeatRoundTripTestsOnMariaDb(MariaDbSqlHeartbeatAppFactory app)
    : SqlHeartbeatRoundTripTests(app), IClassFixture<MariaDbSqlHeartbeatAppFactory>;
