using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.BookingsCache;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// What <see cref="RedisDayBookingsCache"/> keeps (a day's booked starts and busy intervals), for how long (5 minutes),
/// and when it lets go of it: a booking change announced through <see cref="ISlotChangeNotifier"/>, a fill computed under
/// an older booking version, the instance serving from SQL, a Redis outage (decisions 071, 125). Run on a single Redis
/// and on a Cluster, where the read (MGET) and the fill script must stay within the day's hash slot.
/// </summary>
public abstract class RedisDayBookingsCacheTests(AppFactory app) : IAsyncLifetime
{
    private readonly DateOnly _date = TestDates.Weekday(3);
    private readonly int _employee = Random.Shared.Next(10_000, 1_000_000);
    private readonly SlotStoreState _state = new(true, app.Services.GetRequiredService<AppointEaseMetrics>(), NullLogger<SlotStoreState>.Instance);
    private RedisConnection Connection => app.Services.GetRequiredService<RedisConnection>();
    private RedisSlotKeys Keys => new(Connection.Options.KeyPrefix);

    private static readonly DateTime Nine = new(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly CachedDayBookings Day = new([new TimeOnly(9, 0), new TimeOnly(9, 15)], [new BusyInterval(Nine, Nine.AddMinutes(45))]);

    /// <summary>The app's start-up check drops every cached day once Redis answers; a test's entry must outlive that.</summary>
    public async Task InitializeAsync() => await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A cache of its own serving state, on the app's Redis connection, so a test can move it to SQL mode alone.</summary>
    private RedisDayBookingsCache NewCache() => new(Connection, _state);

    [Fact]
    public async Task AFill_AfterAMiss_IsServedAsBothForms_ForFiveMinutes()
    {
        var cache = NewCache();
        var miss = await cache.GetAsync(_date, _employee, default);

        await cache.SetAsync(_date, _employee, Day, miss.Version, default);
        var hit = await cache.GetAsync(_date, _employee, default);

        Assert.Null(miss.Bookings);
        Assert.Equal(Day.BookedStarts, hit.Bookings!.BookedStarts);
        Assert.Equal(Day.Busy, hit.Bookings.Busy);
        Assert.Equal(miss.Version, hit.Version);
        var ttl = await Connection.Database.KeyTimeToLiveAsync(Keys.Availability(_date, _employee));
        Assert.InRange(ttl!.Value, RedisDayBookingsCache.Ttl - TimeSpan.FromSeconds(30), RedisDayBookingsCache.Ttl);
    }

    [Fact]
    public async Task ABookingChange_AnnouncedByTheNotifier_DropsThatDaysEntry_AndBumpsItsVersion()
    {
        var cache = NewCache();
        var other = _employee + 1;
        await cache.SetAsync(_date, _employee, Day, (await cache.GetAsync(_date, _employee, default)).Version, default);
        await cache.SetAsync(_date, other, Day, (await cache.GetAsync(_date, other, default)).Version, default);
        var before = await cache.GetAsync(_date, _employee, default);

        await app.Services.GetRequiredService<ISlotChangeNotifier>().SlotsChangedAsync(_date, _employee, default);
        var after = await cache.GetAsync(_date, _employee, default);

        Assert.NotNull(before.Bookings);
        Assert.Null(after.Bookings);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.NotNull((await cache.GetAsync(_date, other, default)).Bookings);
    }

    [Fact]
    public async Task AFill_ComputedBeforeABookingChange_IsDiscarded_WhileACurrentOneIsKept()
    {
        var cache = NewCache();
        var miss = await cache.GetAsync(_date, _employee, default);

        // The race: a heartbeat read "nothing booked" from SQL, then a booking committed and dropped the entry.
        await app.Services.GetRequiredService<ISlotChangeNotifier>().SlotsChangedAsync(_date, _employee, default);
        await cache.SetAsync(_date, _employee, new CachedDayBookings([], []), miss.Version, default);
        var afterStaleFill = await cache.GetAsync(_date, _employee, default);

        Assert.Null(afterStaleFill.Bookings);
        Assert.True(afterStaleFill.Version > miss.Version);
        await cache.SetAsync(_date, _employee, Day, afterStaleFill.Version, default);
        var kept = (await cache.GetAsync(_date, _employee, default)).Bookings!;
        Assert.Equal(Day.BookedStarts, kept.BookedStarts);
        Assert.Equal(Day.Busy, kept.Busy);
    }

    [Fact]
    public async Task WhileTheInstanceServesFromSql_EveryReadIsAMiss_AndAFillIsDropped()
    {
        var cache = NewCache();
        await cache.SetAsync(_date, _employee, Day, (await cache.GetAsync(_date, _employee, default)).Version, default);
        _state.MarkRedisDown(new RedisConnectionException(ConnectionFailureType.SocketFailure, "test: serving from SQL"));

        var read = await cache.GetAsync(_date, _employee, default);
        await cache.SetAsync(_date, _employee + 1, Day, 0, default);

        // In SQL mode no booking change reaches Redis, so what Redis holds may be stale; it is not read, nor added to.
        Assert.Equal(DayBookingsCacheEntry.Miss, read);
        Assert.False(await Connection.Database.KeyExistsAsync(Keys.Availability(_date, _employee + 1)));
        Assert.True(await Connection.Database.KeyExistsAsync(Keys.Availability(_date, _employee)));
    }
}

public sealed class RedisDayBookingsCacheTestsOnRedis(SqliteRedisAppFactory app)
    : RedisDayBookingsCacheTests(app), IClassFixture<SqliteRedisAppFactory>
{
    [Fact]
    public async Task ARedisOutage_IsAMiss_AndMovesTheInstanceToSql()
    {
        var state = new SlotStoreState(true, app.Services.GetRequiredService<AppointEaseMetrics>(), NullLogger<SlotStoreState>.Instance);
        using var nowhere = new RedisConnection("127.0.0.1:1", Options.Create(new RedisOptions { KeyPrefix = "nowhere", ConnectTimeoutMs = 200 }),
            NullLogger<RedisConnection>.Instance);
        var cache = new RedisDayBookingsCache(nowhere, state);

        var read = await cache.GetAsync(new DateOnly(2026, 12, 2), 1, default);

        Assert.Equal(DayBookingsCacheEntry.Miss, read);
        Assert.Equal(StorageMode.Sql, state.Mode);
    }
}

public sealed class RedisDayBookingsCacheTestsOnRedisCluster(RedisClusterAppFactory app)
    : RedisDayBookingsCacheTests(app), IClassFixture<RedisClusterAppFactory>;
