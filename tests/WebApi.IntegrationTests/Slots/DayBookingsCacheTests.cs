using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// Select, lock and availability take the day's bookings from the Redis cache the heartbeat keeps (no bookings query when
/// warm), the cache is dropped by every booking, and a fill computed before a booking cannot bring the old answer back
/// (decision 071).
/// </summary>
public sealed class DayBookingsCacheTests : IClassFixture<DayBookingsCacheTests.Factory>
{
    private readonly Factory _app;
    private readonly BookingApi _api;

    public DayBookingsCacheTests(Factory app)
    {
        _app = app;
        _api = new BookingApi(app, app.CreateClient());
    }

    private static object Slot(DateOnly date, int employeeId, string time, string clientId) =>
        new { date = date.Text(), employeeId, time, clientId };

    [Fact]
    public async Task SelectAndLock_OnAWarmDay_DoNotQueryTheBookings()
    {
        var (alex, date) = (await _api.EmployeeIdAsync(), TestDates.Weekday(2));
        await _api.Client.PostAsJsonAsync("/api/v1/slots/select", Slot(date, alex, "09:00", "warm-up-client")); // fills the day's cache
        Assert.Contains(_app.Sql.Commands, c => c.Contains("`appointments`", StringComparison.Ordinal)); // the recorder sees SQL

        _app.Sql.Reset();
        var select = await _api.Client.PostAsJsonAsync("/api/v1/slots/select", Slot(date, alex, "10:00", "carol-client"));
        var locked = await _api.Client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, alex, "11:00", "carol-client"));

        Assert.Equal(HttpStatusCode.OK, select.StatusCode);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        // Catalogue and settings come from 5-second caches (a reload could fall in this window on a slow machine);
        // the day's bookings must come from Redis.
        Assert.DoesNotContain(_app.Sql.Commands, c => c.Contains("`appointments`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lock_OnAStartBookedAfterTheDayWasCached_IsRefusedAsBooked()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(3));
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.PostAsJsonAsync("/api/v1/slots/select", Slot(date, alex, "14:00", "dave-client"))).StatusCode);

        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "14:00", email: "cache-drop@example.com"));
        var locked = await _api.Client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, alex, "14:00", "erin-client"));

        var problem = await locked.AssertProblemAsync(HttpStatusCode.Conflict, "time");
        Assert.Equal("slot_booked", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Availability_FromTheWarmCache_EqualsTheColdAnswer_ForALongServiceAroundABooking_WithoutQueryingBookings()
    {
        var (haircut, colouring, alex, date) =
            (await _api.ServiceIdAsync("Haircut"), await _api.ServiceIdAsync("Colouring"), await _api.EmployeeIdAsync(), TestDates.Weekday(1));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00", email: "busy-cache@example.com"));
        var url = $"/api/v1/availability?date={date.Text()}&employeeId={alex}&serviceId={colouring}";

        _app.Sql.Reset();
        var cold = await _api.Client.GetStringAsync(url);
        Assert.Contains(_app.Sql.Commands, c => c.Contains("`appointments`", StringComparison.Ordinal)); // cold: read from SQL
        _app.Sql.Reset();
        var warm = await _api.Client.GetStringAsync(url);

        Assert.Equal(cold, warm);
        // Colouring is 90 min + 15 after: 10:00 runs into the 11:00 haircut, so only the busy intervals (not the
        // one-step booked starts) can mark it booked.
        Assert.Contains("{\"time\":\"10:00\",\"status\":\"booked\"}", warm);
        Assert.DoesNotContain(_app.Sql.Commands, c => c.Contains("`appointments`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CacheFill_ComputedBeforeABookingChange_IsDiscarded_WhileACurrentOneIsKept()
    {
        var (alex, date) = (await _api.EmployeeIdAsync(), TestDates.Weekday(4));
        var store = _app.Services.GetRequiredService<ISlotStateStore>();
        var notifier = _app.Services.GetRequiredService<ISlotChangeNotifier>();
        var miss = await store.GetCachedBookingsAsync(date, alex, CancellationToken.None);
        Assert.Null(miss.Bookings);

        // The race: a heartbeat read "nothing booked" from SQL, then a booking committed and dropped the cache.
        await notifier.SlotsChangedAsync(date, alex, CancellationToken.None);
        await store.CacheBookingsAsync(date, alex, new CachedDayBookings([], []), miss.Version, CancellationToken.None);
        var afterStaleFill = await store.GetCachedBookingsAsync(date, alex, CancellationToken.None);

        Assert.Null(afterStaleFill.Bookings);
        Assert.True(afterStaleFill.Version > miss.Version);
        var start = new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);
        var current = new CachedDayBookings([new TimeOnly(9, 30)], [new BusyInterval(start, start.AddMinutes(45))]);
        await store.CacheBookingsAsync(date, alex, current, afterStaleFill.Version, CancellationToken.None);
        var kept = (await store.GetCachedBookingsAsync(date, alex, CancellationToken.None)).Bookings!;
        Assert.Equal(current.BookedStarts, kept.BookedStarts);
        Assert.Equal(current.Busy, kept.Busy);
    }

    /// <summary>MariaDB + Redis with every SQL command recorded; no job server, so only requests talk to the database.</summary>
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb, useRedis: true)
        {
            With("Jobs:RunServer", "false");
            ConfigureServices = services =>
                services.ConfigureDbContext<MySqlAppDbContext>((_, options) => options.AddInterceptors(Sql), ServiceLifetime.Singleton);
        }

        public SqlRecorder Sql { get; } = new();
    }

    public sealed class SqlRecorder : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];

        public IReadOnlyList<string> Commands
        {
            get { lock (_commands) return _commands.ToList(); }
        }

        public void Reset()
        {
            lock (_commands) _commands.Clear();
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            lock (_commands) _commands.Add(command.CommandText);
        }
    }
}
