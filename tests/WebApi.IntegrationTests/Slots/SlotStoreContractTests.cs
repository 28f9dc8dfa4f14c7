using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// The behaviour every slot store must have, run against Redis, MariaDB and SQLite. Each test works on its own random
/// employee id so tests never see each other's holds (stores do not check employees; the use cases do).
/// </summary>
public abstract class SlotStoreContractTests(ISlotStateStore store)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly RateLimitRule NoLimit = new("heartbeat_per_client", 1_000_000, TimeSpan.FromHours(1));
    private static readonly RateLimitRule TwoPerHour = new("heartbeat_per_client", 2, TimeSpan.FromHours(1));
    private readonly DateOnly _date = TestDates.Weekday(3);
    private readonly int _employee = Random.Shared.Next(10_000, 1_000_000);
    private readonly ClientId _alice = ClientId.Parse("alice-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly ClientId _bob = ClientId.Parse("bob-" + Guid.NewGuid().ToString("N")[..10]);

    private SlotKey At(int hour, int minute = 0) => new(_date, _employee, new TimeOnly(hour, minute));

    /// <summary>Lets TTLs run out. Redis expires by its own server clock, so that store really waits.</summary>
    protected virtual Task PassAsync(TimeSpan time) => Task.Delay(time);

    /// <summary>The store's idea of now.</summary>
    protected virtual DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task Select_ByTwoVisitors_ShowsBothInDayState()
    {
        Assert.Equal(SelectOutcome.Selected, await store.SelectAsync(At(10), _alice, Long, default));
        Assert.Equal(SelectOutcome.Selected, await store.SelectAsync(At(10), _bob, Long, default));

        var day = await store.GetDayStateAsync(_date, _employee, default);

        Assert.Equal([_alice.Value, _bob.Value], day.Selections.Where(s => s.Time == At(10).Time).Select(s => s.ClientId).Order());
    }

    [Fact]
    public async Task Select_AnotherTime_ReplacesTheVisitorsPreviousSelection()
    {
        await store.SelectAsync(At(10), _alice, Long, default);
        await store.SelectAsync(At(11), _alice, Long, default);

        var day = await store.GetDayStateAsync(_date, _employee, default);

        var selection = Assert.Single(day.Selections);
        Assert.Equal(At(11).Time, selection.Time);
    }

    [Fact]
    public async Task Deselect_RemovesOnlyThatVisitorsSelection()
    {
        await store.SelectAsync(At(10), _alice, Long, default);
        await store.SelectAsync(At(10), _bob, Long, default);

        await store.DeselectAsync(At(10), _alice, default);

        var day = await store.GetDayStateAsync(_date, _employee, default);
        Assert.Equal(_bob.Value, Assert.Single(day.Selections).ClientId);
    }

    [Fact]
    public async Task Deselect_OfAnotherTime_KeepsTheCurrentSelection()
    {
        await store.SelectAsync(At(11), _alice, Long, default);

        await store.DeselectAsync(At(10), _alice, default);

        Assert.Single((await store.GetDayStateAsync(_date, _employee, default)).Selections);
    }

    [Fact]
    public async Task Selection_AfterItsTtl_IsGone()
    {
        await store.SelectAsync(At(10), _alice, TimeSpan.FromMilliseconds(700), default);
        Assert.Single((await store.GetDayStateAsync(_date, _employee, default)).Selections);

        await PassAsync(TimeSpan.FromMilliseconds(1200));

        Assert.Empty((await store.GetDayStateAsync(_date, _employee, default)).Selections);
    }

    [Fact]
    public async Task Select_WhenLockedByAnother_ReturnsLockedByOther_ButOwnerMaySelect()
    {
        Assert.True((await store.LockAsync(At(10), _alice, Long, default)).Acquired);

        Assert.Equal(SelectOutcome.LockedByOther, await store.SelectAsync(At(10), _bob, Long, default));
        Assert.Equal(SelectOutcome.Selected, await store.SelectAsync(At(10), _alice, Long, default));
    }

    [Fact]
    public async Task Lock_WhenHeldByAnother_FailsAndNamesTheHolder()
    {
        var first = await store.LockAsync(At(10), _alice, Long, default);

        var second = await store.LockAsync(At(10), _bob, Long, default);

        Assert.True(first.Acquired);
        Assert.False(second.Acquired);
        Assert.Equal(_alice.Value, second.HeldBy!.OwnerClientId);
        Assert.Equal(first.Token!.Value.Secret, second.HeldBy.Secret);
    }

    [Fact]
    public async Task ReleaseLock_ByOwner_FreesTheSlot()
    {
        var token = (await store.LockAsync(At(10), _alice, Long, default)).Token!.Value;

        Assert.True(await store.ReleaseLockAsync(token, _alice, default));

        Assert.Null(await store.GetLockAsync(At(10), default));
        Assert.True((await store.LockAsync(At(10), _bob, Long, default)).Acquired);
    }

    [Fact]
    public async Task ReleaseLock_WithTheRightTokenButAnotherClient_DoesNothing()
    {
        var token = (await store.LockAsync(At(10), _alice, Long, default)).Token!.Value;

        Assert.False(await store.ReleaseLockAsync(token, _bob, default));

        Assert.Equal(_alice.Value, (await store.GetLockAsync(At(10), default))!.OwnerClientId);
    }

    [Fact]
    public async Task ReleaseLock_WithAGuessedSecret_DoesNothing()
    {
        await store.LockAsync(At(10), _alice, Long, default);

        Assert.False(await store.ReleaseLockAsync(LockToken.New(At(10)), _alice, default));

        Assert.NotNull(await store.GetLockAsync(At(10), default));
    }

    [Fact]
    public async Task Lock_AfterTheHoldersLockExpired_IsTakenOver()
    {
        var stale = (await store.LockAsync(At(10), _alice, TimeSpan.FromMilliseconds(600), default)).Token!.Value;
        await PassAsync(TimeSpan.FromMilliseconds(1100));

        var taken = await store.LockAsync(At(10), _bob, Long, default);

        Assert.True(taken.Acquired);
        Assert.False(await store.ReleaseLockAsync(stale, _alice, default));
        Assert.Equal(_bob.Value, (await store.GetLockAsync(At(10), default))!.OwnerClientId);
    }

    [Fact]
    public async Task RefreshLock_ByOwner_ExtendsIt_ButNotForAnotherClientOrAfterExpiry()
    {
        // 2 s leaves a stalled CI machine time to refresh before the short TTL runs out; the wait outlives it.
        var token = (await store.LockAsync(At(10), _alice, TimeSpan.FromSeconds(2), default)).Token!.Value;

        var refreshed = await store.RefreshLockAsync(token, _alice, Long, default);
        var byBob = await store.RefreshLockAsync(token, _bob, Long, default);
        await PassAsync(TimeSpan.FromMilliseconds(2200));

        Assert.NotNull(refreshed);
        Assert.True(refreshed > Now.UtcDateTime.AddMinutes(4));
        Assert.Null(byBob);
        var held = await store.GetLockAsync(At(10), default);
        Assert.Equal(_alice.Value, held!.OwnerClientId);
        Assert.True(Assert.Single((await store.GetDayStateAsync(_date, _employee, default)).Locks).ExpiresUtc > Now.UtcDateTime.AddMinutes(4));
        var stale = (await store.LockAsync(At(11), _alice, TimeSpan.FromMilliseconds(300), default)).Token!.Value;
        await PassAsync(TimeSpan.FromMilliseconds(700));
        Assert.Null(await store.RefreshLockAsync(stale, _alice, Long, default));
    }

    [Fact]
    public async Task ClearLock_RemovesWhateverLockIsOnTheSlot()
    {
        await store.LockAsync(At(10), _alice, Long, default);

        await store.ClearLockAsync(At(10), default);

        Assert.Null(await store.GetLockAsync(At(10), default));
        Assert.Empty((await store.GetDayStateAsync(_date, _employee, default)).Locks);
    }

    [Fact]
    public async Task DayState_HoldsLocksAndSelectionsOfThatDayAndEmployeeOnly()
    {
        await store.LockAsync(At(10), _alice, Long, default);
        await store.SelectAsync(At(11), _bob, Long, default);
        await store.LockAsync(new SlotKey(_date.AddDays(1), _employee, new TimeOnly(10, 0)), _alice, Long, default);
        await store.SelectAsync(new SlotKey(_date, _employee + 1, new TimeOnly(11, 0)), _alice, Long, default);

        var day = await store.GetDayStateAsync(_date, _employee, default);

        var theLock = Assert.Single(day.Locks);
        Assert.Equal((At(10), _alice.Value), (theLock.Slot, theLock.OwnerClientId));
        Assert.True(theLock.ExpiresUtc > Now.UtcDateTime.AddMinutes(4));
        var selection = Assert.Single(day.Selections);
        Assert.Equal((At(11).Time, _bob.Value), (selection.Time, selection.ClientId));
    }

    [Fact]
    public async Task Heartbeat_WithSelectedTime_RefreshesTheSelection()
    {
        await store.SelectAsync(At(10), _alice, TimeSpan.FromMilliseconds(800), default);
        await PassAsync(TimeSpan.FromMilliseconds(500));

        var day = (await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, NoLimit, default)).Day!;

        Assert.True(Assert.Single(day.Selections).ExpiresUtc > Now.UtcDateTime.AddMinutes(4));
    }

    [Fact]
    public async Task Heartbeat_WithSelectedTimeLockedByAnother_DoesNotSelect()
    {
        await store.LockAsync(At(10), _bob, Long, default);

        var day = (await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, NoLimit, default)).Day!;

        Assert.Empty(day.Selections);
        Assert.Single(day.Locks);
    }

    [Fact]
    public async Task Heartbeat_OverTheLimit_IsRefusedWithRetryAfter_AndDoesNotMoveTheSelection()
    {
        await OutsideTheLastSecondsOfTheWindowAsync();
        var first = await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, TwoPerHour, default);
        var second = await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, TwoPerHour, default);

        var refused = await store.HeartbeatAsync(_date, _employee, _alice, At(11).Time, Long, TwoPerHour, default);

        Assert.True(first.Allowed && second.Allowed);
        Assert.Equal(2, second.Limit.Count);
        Assert.False(refused.Allowed);
        Assert.Null(refused.Day);
        Assert.Equal(3, refused.Limit.Count);
        Assert.InRange(refused.Limit.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromHours(1));
        var day = await store.GetDayStateAsync(_date, _employee, default);
        Assert.Equal(At(10).Time, Assert.Single(day.Selections).Time);
    }

    [Fact]
    public async Task Heartbeat_WithSelectedTimeLockedByTheCaller_SelectsIt()
    {
        await store.LockAsync(At(10), _alice, Long, default);

        var day = (await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, NoLimit, default)).Day!;

        Assert.Equal((At(10).Time, _alice.Value), (Assert.Single(day.Selections).Time, day.Selections[0].ClientId));
    }

    [Fact]
    public async Task Heartbeat_LeavesOutExpiredSelectionsAndLocks()
    {
        await store.SelectAsync(At(10), _bob, TimeSpan.FromMilliseconds(400), default);
        await store.LockAsync(At(11), _bob, TimeSpan.FromMilliseconds(400), default);
        await PassAsync(TimeSpan.FromMilliseconds(900));

        var day = (await store.HeartbeatAsync(_date, _employee, _alice, null, Long, NoLimit, default)).Day!;

        Assert.Empty(day.Selections);
        Assert.Empty(day.Locks);
    }

    [Fact]
    public async Task Heartbeat_OverTheLimit_DoesNotExtendTheSelection()
    {
        await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, TimeSpan.FromSeconds(30), TwoPerHour, default);
        await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, TimeSpan.FromSeconds(30), TwoPerHour, default);

        var refused = await store.HeartbeatAsync(_date, _employee, _alice, At(10).Time, Long, TwoPerHour, default);

        Assert.False(refused.Allowed);
        var selection = Assert.Single((await store.GetDayStateAsync(_date, _employee, default)).Selections);
        Assert.True(selection.ExpiresUtc < Now.UtcDateTime.AddMinutes(1), $"the refused heartbeat extended the selection to {selection.ExpiresUtc:O}");
    }

    [Fact]
    public async Task Heartbeat_TwentyClientsAtOnceWithTheSameSelectedTime_EachSelectsIt()
    {
        var clients = Enumerable.Range(0, 20).Select(i => ClientId.Parse($"viewer-{i:00}-{Guid.NewGuid():N}"[..20])).ToList();

        var outcomes = await Task.WhenAll(clients.Select(c =>
            Task.Run(async () => await store.HeartbeatAsync(_date, _employee, c, At(15).Time, Long, NoLimit, default))));

        Assert.All(outcomes, o => Assert.True(o.Allowed));
        var day = await store.GetDayStateAsync(_date, _employee, default);
        Assert.Equal(clients.Select(c => c.Value).Order(), day.Selections.Where(s => s.Time == At(15).Time).Select(s => s.ClientId).Order());
    }

    [Fact]
    public async Task Heartbeat_TenAtOnceFromOneClient_CountsEachHitOnceAndKeepsOneSelection()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            Task.Run(async () => await store.HeartbeatAsync(_date, _employee, _alice, At(16).Time, Long, NoLimit, default))));
        var eleventh = await store.HeartbeatAsync(_date, _employee, _alice, At(16).Time, Long, NoLimit, default);

        Assert.All(outcomes, o => Assert.InRange(o.Limit.Count, 1, 10));
        Assert.Equal(11, eleventh.Limit.Count);
        var selection = Assert.Single((await store.GetDayStateAsync(_date, _employee, default)).Selections);
        Assert.Equal((At(16).Time, _alice.Value), (selection.Time, selection.ClientId));
    }

    [Fact]
    public async Task Heartbeat_Limit_CountsEachClientAndDaySeparately()
    {
        await OutsideTheLastSecondsOfTheWindowAsync();
        await store.HeartbeatAsync(_date, _employee, _alice, null, Long, TwoPerHour, default);
        await store.HeartbeatAsync(_date, _employee, _alice, null, Long, TwoPerHour, default);

        Assert.False((await store.HeartbeatAsync(_date, _employee, _alice, null, Long, TwoPerHour, default)).Allowed);
        Assert.True((await store.HeartbeatAsync(_date, _employee, _bob, null, Long, TwoPerHour, default)).Allowed);
        Assert.True((await store.HeartbeatAsync(_date.AddDays(1), _employee, _alice, null, Long, TwoPerHour, default)).Allowed);
    }

    /// <summary>
    /// The limit windows are epoch-aligned hours on the real clock; a test that began seconds before the top of the hour
    /// would see its count reset half-way, so it waits for the next window instead (the tests take milliseconds).
    /// </summary>
    private async Task OutsideTheLastSecondsOfTheWindowAsync()
    {
        var untilNextWindow = TimeSpan.FromHours(1) - TimeSpan.FromTicks((Now.UtcDateTime - DateTime.UnixEpoch).Ticks % TimeSpan.FromHours(1).Ticks);
        if (untilNextWindow < TimeSpan.FromSeconds(10)) await PassAsync(untilNextWindow + TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task Lock_FiftyConcurrentCallsOnOneSlot_ExactlyOneWins()
    {
        var clients = Enumerable.Range(0, 50).Select(i => ClientId.Parse($"racer-{i:00}-{Guid.NewGuid():N}"[..20])).ToList();

        var outcomes = await Task.WhenAll(clients.Select(c => Task.Run(async () => await store.LockAsync(At(14), c, Long, default))));

        var winner = Assert.Single(outcomes, o => o.Acquired);
        var holder = await store.GetLockAsync(At(14), default);
        Assert.Equal(winner.Token!.Value.Secret, holder!.Secret);
        Assert.All(outcomes.Where(o => !o.Acquired), o => Assert.Equal(holder.OwnerClientId, o.HeldBy!.OwnerClientId));
    }

    private static HoldQuota NetworkQuota(string network, int perClient = 2, int perNetwork = 3) => new(network, perClient, perNetwork);

    private static string NewNetwork() => Guid.NewGuid().ToString("N");

    private static ClientId FreshClient() => ClientId.Parse("fresh-" + Guid.NewGuid().ToString("N")[..16]);

    [Fact]
    public async Task Lock_WithAQuota_AFreshClientPerRequestStillGetsOnlyTheNetworksCap_AndAnotherNetworkCanBook()
    {
        var network = NewNetwork();
        var outcomes = new List<LockOutcome>();
        for (var hour = 9; hour < 15; hour++)
            outcomes.Add(await store.LockAsync(At(hour), FreshClient(), Long, NetworkQuota(network), default));

        Assert.Equal(3, outcomes.Count(o => o.Acquired));
        Assert.All(outcomes.Skip(3), o => Assert.True(o.QuotaRetryAfter > TimeSpan.FromMinutes(4), o.QuotaRetryAfter?.ToString()));
        Assert.Equal(3, (await store.GetDayStateAsync(_date, _employee, default)).Locks.Count);
        Assert.True((await store.LockAsync(At(15), FreshClient(), Long, NetworkQuota(NewNetwork()), default)).Acquired);
    }

    [Fact]
    public async Task Lock_WithAQuota_OneClientGetsOnlyItsOwnCap()
    {
        var network = NewNetwork();

        Assert.True((await store.LockAsync(At(9), _alice, Long, NetworkQuota(network), default)).Acquired);
        Assert.True((await store.LockAsync(At(10), _alice, Long, NetworkQuota(network), default)).Acquired);
        var third = await store.LockAsync(At(11), _alice, Long, NetworkQuota(network), default);

        Assert.False(third.Acquired);
        Assert.NotNull(third.QuotaRetryAfter);
        Assert.True((await store.LockAsync(At(11), _bob, Long, NetworkQuota(network), default)).Acquired);
    }

    [Fact]
    public async Task Lock_WithAQuota_ReleasedAndClearedHoldsAreGivenBack()
    {
        var network = NewNetwork();
        var first = await store.LockAsync(At(9), _alice, Long, NetworkQuota(network, perNetwork: 2), default);
        await store.LockAsync(At(10), _bob, Long, NetworkQuota(network, perNetwork: 2), default);
        Assert.NotNull((await store.LockAsync(At(11), FreshClient(), Long, NetworkQuota(network, perNetwork: 2), default)).QuotaRetryAfter);

        Assert.True(await store.ReleaseLockAsync(first.Token!.Value, _alice, default));
        Assert.True((await store.LockAsync(At(11), FreshClient(), Long, NetworkQuota(network, perNetwork: 2), default)).Acquired);
        await store.ClearLockAsync(At(10), default);

        Assert.True((await store.LockAsync(At(12), FreshClient(), Long, NetworkQuota(network, perNetwork: 2), default)).Acquired);
    }

    [Fact]
    public async Task Lock_WithAQuota_AClientsReleasedOrClearedHoldIsGivenBackToItsOwnCap()
    {
        var network = NewNetwork();
        var first = await store.LockAsync(At(9), _alice, Long, NetworkQuota(network, perClient: 1), default);
        var refused = await store.LockAsync(At(10), _alice, Long, NetworkQuota(network, perClient: 1), default);
        Assert.True(refused.QuotaRetryAfter > TimeSpan.FromMinutes(4), refused.QuotaRetryAfter?.ToString());

        Assert.True(await store.ReleaseLockAsync(first.Token!.Value, _alice, default));
        Assert.True((await store.LockAsync(At(10), _alice, Long, NetworkQuota(network, perClient: 1), default)).Acquired);
        await store.ClearLockAsync(At(10), default);

        Assert.True((await store.LockAsync(At(11), _alice, Long, NetworkQuota(network, perClient: 1), default)).Acquired);
        Assert.NotNull((await store.LockAsync(At(12), _alice, Long, NetworkQuota(network, perClient: 1), default)).QuotaRetryAfter);
    }

    [Fact]
    public async Task Lock_WithAQuota_ASlotTakenByAnotherDoesNotUseUpTheCap_AndLockingOnesOwnSlotAgainIsNotCountedTwice()
    {
        var network = NewNetwork();
        await store.LockAsync(At(9), _bob, Long, NetworkQuota(NewNetwork()), default);

        for (var i = 0; i < 5; i++)
            Assert.False((await store.LockAsync(At(9), FreshClient(), Long, NetworkQuota(network, perNetwork: 1), default)).Acquired);
        Assert.True((await store.LockAsync(At(10), _alice, Long, NetworkQuota(network, perNetwork: 2), default)).Acquired);
        var again = await store.LockAsync(At(10), _alice, Long, NetworkQuota(network, perNetwork: 2), default);

        Assert.Null(again.QuotaRetryAfter);
        Assert.Equal(_alice.Value, again.HeldBy?.OwnerClientId);
        Assert.True((await store.LockAsync(At(11), _alice, Long, NetworkQuota(network, perNetwork: 2), default)).Acquired);
    }

    [Fact]
    public async Task Lock_WithAQuota_ThirtyConcurrentFreshClientsFromOneNetwork_NeverExceedTheCap()
    {
        var network = NewNetwork();
        var slots = Enumerable.Range(0, 30).Select(i => At(8 + i / 4, i % 4 * 15)).ToList();

        var outcomes = await Task.WhenAll(slots.Select(slot => Task.Run(async () =>
            await store.LockAsync(slot, FreshClient(), Long, NetworkQuota(network, perNetwork: 5), default))));

        var acquired = outcomes.Count(o => o.Acquired);
        Assert.InRange(acquired, 1, 5);
        Assert.Equal(acquired, (await store.GetDayStateAsync(_date, _employee, default)).Locks.Count);
        Assert.All(outcomes.Where(o => !o.Acquired), o => Assert.NotNull(o.QuotaRetryAfter));
    }
}

public sealed class SlotStoreContractTestsOnRedis(SqliteRedisAppFactory app)
    : SlotStoreContractTests(app.Services.GetRequiredService<RedisSlotStateStore>()), IClassFixture<SqliteRedisAppFactory>;

/// <summary>
/// The same contract on a 3-master Redis Cluster: a script whose keys span two hash slots fails there (CROSSSLOT), so
/// this proves every script and transaction of the store stays within one day-and-employee hash tag (decision 110).
/// </summary>
public sealed class SlotStoreContractTestsOnRedisCluster(RedisClusterAppFactory app)
    : SlotStoreContractTests(app.Services.GetRequiredService<RedisSlotStateStore>()), IClassFixture<RedisClusterAppFactory>;

/// <summary>The same contract through Sentinel: the client asks the sentinels for the master and talks to it.</summary>
public sealed class SlotStoreContractTestsOnRedisSentinel(RedisSentinelAppFactory app)
    : SlotStoreContractTests(app.Services.GetRequiredService<RedisSlotStateStore>()), IClassFixture<RedisSentinelAppFactory>;

/// <summary>
/// The SQL store reads time only through <see cref="TimeProvider"/>, so its contract runs on a <see cref="FakeTimeProvider"/>:
/// TTLs run out exactly when the test advances the clock, with no sleeping.
/// </summary>
public abstract class SqlSlotStoreContractTests : SlotStoreContractTests
{
    private readonly FakeTimeProvider _clock;

    protected SqlSlotStoreContractTests(IServiceProvider services) : this(services, new FakeTimeProvider(DateTimeOffset.UtcNow)) { }

    private SqlSlotStoreContractTests(IServiceProvider services, FakeTimeProvider clock)
        : base(new SqlSlotStateStore(services.GetRequiredService<IServiceScopeFactory>(), clock)) => _clock = clock;

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }

    protected override DateTimeOffset Now => _clock.GetUtcNow();
}

public sealed class SlotStoreContractTestsOnMariaDb(MariaDbSlotStoreAppFactory app)
    : SqlSlotStoreContractTests(app.Services), IClassFixture<MariaDbSlotStoreAppFactory>;

public sealed class SlotStoreContractTestsOnSqlite(SqliteAppFactory app)
    : SqlSlotStoreContractTests(app.Services), IClassFixture<SqliteAppFactory>;
