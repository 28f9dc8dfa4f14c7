using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.SqlHeartbeat;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// In SQL mode a heartbeat is at most ONE database command (decision 065): the rate-limit hits, the selection refresh,
/// the day's selections and locks and the employee's bookings; one sharing another's read of the day sends none
/// (decisions 128 and 137). Every DbCommand EF runs while the app serves the request is
/// recorded (<see cref="RequestCommandRecorder"/>). The clock is pinned, so the 5-second settings and catalogue caches
/// filled by the warm-up call are still warm for the counted one; the tests of decision 128 (a shared day read, a
/// selection written once per third of its TTL) move it on by hand.
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
        await HeartbeatAsync(date, null); // warm-up: settings and catalogue caches, connection pool
        app.Clock.Advance(SharedDayReads.ShareFor); // past the warm-up's shared read (decision 128)

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
        app.Clock.Advance(SharedDayReads.ShareFor);

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

    [Fact]
    public async Task Heartbeat_InSqlMode_WithinTheShareWindow_ServesTheLastReadOfTheDay_AndReadsAgainAfterIt()
    {
        var date = TestDates.Weekday(9);
        await HeartbeatAsync(date, null); // reads the day at t
        await app.WithDbAsync(async db => // another instance locks 11:00 just after
        {
            db.Add(new SlotLockRow
            {
                SlotDate = date, EmployeeId = Employee, SlotTime = new TimeOnly(11, 0), OwnerClientId = "carol-elsewhere",
                Secret = Guid.NewGuid().ToString("N"), ExpiresUtc = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

        app.Clock.Advance(SharedDayReads.ShareFor - TimeSpan.FromMilliseconds(1));
        var (within, withinCommands) = await RecordedHeartbeatAsync(date, null);
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var (after, afterCommands) = await RecordedHeartbeatAsync(date, null);

        // Within the bound: no command at all (the hit is counted in memory, decision 137), and the day as read at t.
        Assert.Empty(withinCommands);
        Assert.Empty(within.GetProperty("lockedSlots").EnumerateArray());
        // At the bound: the day is read again and shows the lock.
        Assert.Contains("slot_locks", Assert.Single(afterCommands));
        Assert.Equal(["11:00"], after.GetProperty("lockedSlots").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task Heartbeat_InSqlMode_AnUnchangedSelection_IsWrittenAgainOnlyAfterAThirdOfItsTtl()
    {
        var date = TestDates.Weekday(10);
        var ttl = TimeSpan.FromSeconds(BusinessSettings.DefaultSelectionTtlSeconds);
        var (_, first) = await RecordedHeartbeatAsync(date, "10:00");
        var (_, repeated) = await RecordedHeartbeatAsync(date, "10:00");
        app.Clock.Advance(SelectionRefreshes.RewriteAfter(ttl) - TimeSpan.FromMilliseconds(1));
        var (_, justBefore) = await RecordedHeartbeatAsync(date, "10:00");
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var (_, due) = await RecordedHeartbeatAsync(date, "10:00");
        var (_, moved) = await RecordedHeartbeatAsync(date, "10:30");

        Assert.Contains("INSERT INTO slot_selections", Assert.Single(first));
        Assert.Empty(repeated); // shares the first one's read and its selection write

        Assert.DoesNotContain("INSERT INTO slot_selections", Assert.Single(justBefore));
        Assert.Contains("INSERT INTO slot_selections", Assert.Single(due));
        Assert.Contains("INSERT INTO slot_selections", Assert.Single(moved));
        await app.WithDbAsync(async db => Assert.Equal(new TimeOnly(10, 30),
            await db.Set<SlotSelectionRow>().Where(r => r.SlotDate == date && r.ClientId == _alice).Select(r => r.SlotTime).SingleAsync()));
    }

    /// <summary>
    /// With the default limit (600 a minute) a counter is written once 30 of its hits are unwritten (decision 158): the
    /// reads before only bring its count back, and a shared heartbeat sends nothing at all.
    /// </summary>
    [Fact]
    public async Task Heartbeat_InSqlMode_HitsAreWrittenByTheDaysRead_OnceATwentiethOfTheLimitIsUnwritten()
    {
        var date = TestDates.Weekday(11);
        var rule = app.Services.GetRequiredService<HeartbeatRateLimit>().Rule;
        var writeEvery = rule.PermitLimit / 20; // decision 158
        var before = await HeartbeatHitsWrittenAsync();
        var (_, first) = await RecordedHeartbeatAsync(date, null); // reads the day
        for (var i = 2; i < writeEvery - 1; i++)
            Assert.Empty((await RecordedHeartbeatAsync(date, null)).Commands); // share its read
        app.Clock.Advance(SharedDayReads.ShareFor);
        var (_, belowShare) = await RecordedHeartbeatAsync(date, null); // reads again, with writeEvery − 1 hits unwritten
        var afterBelow = await HeartbeatHitsWrittenAsync();
        await RecordedHeartbeatAsync(date, null); // shared: the writeEvery-th unwritten hit
        app.Clock.Advance(SharedDayReads.ShareFor);
        var (_, due) = await RecordedHeartbeatAsync(date, null);

        Assert.Equal(600, rule.PermitLimit);
        Assert.Contains("SELECT bucket, window_start_utc", Assert.Single(first)); // its count read back, nothing written
        Assert.DoesNotContain("INSERT INTO rate_limit_counters", first.Single());
        Assert.DoesNotContain("INSERT INTO rate_limit_counters", Assert.Single(belowShare));
        Assert.Equal(0, afterBelow - before);
        Assert.Contains("INSERT INTO rate_limit_counters", Assert.Single(due));
        Assert.Equal(writeEvery + 1, await HeartbeatHitsWrittenAsync() - before); // every hit counted so far, this one too
    }

    /// <summary>A window's hits left unwritten are written by the day's first read after it ends; none is lost.</summary>
    [Fact]
    public async Task Heartbeat_InSqlMode_AWindowsHitsLeftUnwritten_AreWrittenByTheFirstReadAfterItEnds()
    {
        var date = TestDates.Weekday(13);
        var rule = app.Services.GetRequiredService<HeartbeatRateLimit>().Rule;
        var before = await HeartbeatHitsWrittenAsync();
        for (var i = 0; i < 5; i++) await HeartbeatAsync(date, null);
        var inWindow = await HeartbeatHitsWrittenAsync();
        app.Clock.Advance(rule.Window); // into the next window, past the share window

        var (_, next) = await RecordedHeartbeatAsync(date, null);

        Assert.Equal(0, inWindow - before);
        Assert.Contains("INSERT INTO rate_limit_counters", Assert.Single(next));
        Assert.Equal(5, await HeartbeatHitsWrittenAsync() - before); // the next window's hit waits for its share
    }

    [Fact]
    public async Task Heartbeat_InSqlMode_ANewVisitorsFirstHeartbeat_SharesTheRead_AndItsCountIsReadBackWithTheNextOne()
    {
        var date = TestDates.Weekday(12);
        var bob = "bob-" + Guid.NewGuid().ToString("N")[..12];
        var bobs = await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = Employee, clientId = bob });
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode); // reads the day
        var (_, alicesFirst) = await RecordedHeartbeatAsync(date, null);
        app.Clock.Advance(SharedDayReads.ShareFor);
        var (_, reading) = await RecordedHeartbeatAsync(date, null);

        // Decision 145: a counter this instance has not read back yet no longer reads the day for itself.
        Assert.Empty(alicesFirst);
        // Decision 158: the next read brings back both visitors' counts (two counters in its WHERE), writing neither.
        var command = Assert.Single(reading);
        Assert.Contains("OR (bucket = @bucket_1", command);
        Assert.DoesNotContain("INSERT INTO rate_limit_counters", command);
    }

    /// <summary>Every heartbeat hit in SQL (the tests of a class run one after another, so a difference is one test's).</summary>
    private async Task<long> HeartbeatHitsWrittenAsync()
    {
        var prefix = app.Services.GetRequiredService<HeartbeatRateLimit>().Rule.Name + ":";
        long count = 0;
        await app.WithDbAsync(async db => count = await db.Set<RateLimitCounterRow>().Where(r => r.Bucket.StartsWith(prefix)).SumAsync(r => (long)r.Count));
        return count;
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
            services.AddSingleton<TimeProvider>(Clock);
            Commands.Register(services, database);
        };
    }

    public FakeTimeProvider Clock { get; } = new(TwoInstances.MidWindow());

    public RequestCommandRecorder Commands { get; } = new();
}

public sealed class SqliteSqlHeartbeatAppFactory() : SqlHeartbeatAppFactory(DatabaseKind.Sqlite);

public sealed class MariaDbSqlHeartbeatAppFactory() : SqlHeartbeatAppFactory(DatabaseKind.MariaDb);

public sealed class SqlHeartbeatRoundTripTestsOnSqlite(SqliteSqlHeartbeatAppFactory app)
    : SqlHeartbeatRoundTripTests(app), IClassFixture<SqliteSqlHeartbeatAppFactory>;

public sealed class SqlHeartbeatRoundTripTestsOnMariaDb(MariaDbSqlHeartbeatAppFactory app)
    : SqlHeartbeatRoundTripTests(app), IClassFixture<MariaDbSqlHeartbeatAppFactory>;
