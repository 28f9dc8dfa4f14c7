using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.SlotState.SqlHeartbeat;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// <c>RateLimits:HeartbeatPerClient</c> on <c>POST /api/v1/heartbeat</c>, in Redis mode (counted inside the heartbeat
/// script) and in SQL mode (counted by the SQL limiter). The clock is pinned inside a one-hour window so no test can
/// straddle a window boundary.
/// </summary>
public abstract class HeartbeatRateLimitTests(AppFactory app)
{
    public const int Limit = 3;
    private readonly HttpClient _client = app.CreateClient();
    private readonly DateOnly _date = TestDates.Weekday(3);

    public static AppFactory Limited(AppFactory factory, TimeProvider? clock = null, int limit = Limit)
    {
        clock ??= new FakeTimeProvider(TwoInstances.MidWindow());
        factory.With("RateLimits:HeartbeatPerClient:PermitLimit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("RateLimits:HeartbeatPerClient:WindowSeconds", "3600")
            // The frozen clock never lets the health monitor fail back, so one Redis call slower than the default 1 s
            // under a loaded test run would leave an instance counting on SQL for the rest of the test.
            .With("Redis:OperationTimeoutMs", "5000");
        factory.ConfigureServices = services => services.AddSingleton(clock);
        return factory;
    }

    [Fact]
    public async Task Heartbeat_FourthOfOneClientInAWindow_Returns429RateLimited_AndOtherClientsAreUnaffected()
    {
        var alice = NewClient("alice");
        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRequestAsync(_client, _date, alice)).StatusCode);

        await AssertRateLimitedAsync(await HeartbeatRequestAsync(_client, _date, alice));
        Assert.Equal(HttpStatusCode.OK, (await HeartbeatRequestAsync(_client, _date, NewClient("bob"))).StatusCode);
    }

    [Fact]
    public async Task Heartbeat_WhenRefused_DoesNotRefreshOrMoveTheSelection()
    {
        var alice = NewClient("alice");
        for (var i = 0; i < Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRequestAsync(_client, _date, alice, "09:00")).StatusCode);

        await AssertRateLimitedAsync(await HeartbeatRequestAsync(_client, _date, alice, "11:00"));

        var seenByBob = await (await HeartbeatRequestAsync(_client, _date, NewClient("bob"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["09:00"], Times(seenByBob, "activeSelections"));
    }

    public static string NewClient(string name) => name + "-" + Guid.NewGuid().ToString("N")[..12];

    public static Task<HttpResponseMessage> HeartbeatRequestAsync(HttpClient client, DateOnly date, string clientId, string? selectedTime = null) =>
        client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = 1, clientId, selectedTime });

    /// <summary>The same 429 shape as every other rate limit: title, detail, type, code, retryAfterSeconds and Retry-After.</summary>
    public static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Equal("https://appointease.dev/problems/rate-limited", problem.GetProperty("type").GetString());
        var seconds = problem.GetProperty("retryAfterSeconds").GetInt32();
        Assert.Contains($"{seconds} seconds", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromSeconds(seconds), response.Headers.RetryAfter?.Delta);
        Assert.InRange(seconds, 1, 3600);
    }

    private static string[] Times(JsonElement heartbeat, string property) =>
        heartbeat.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}

public sealed class HeartbeatLimitRedisAppFactory : AppFactory
{
    public HeartbeatLimitRedisAppFactory() : base(DatabaseKind.MariaDb, useRedis: true) => HeartbeatRateLimitTests.Limited(this);
}

public sealed class HeartbeatLimitMariaDbAppFactory : AppFactory
{
    public HeartbeatLimitMariaDbAppFactory() : base(DatabaseKind.MariaDb) => HeartbeatRateLimitTests.Limited(this);
}

public sealed class HeartbeatRateLimitTestsOnRedis(HeartbeatLimitRedisAppFactory app)
    : HeartbeatRateLimitTests(app), IClassFixture<HeartbeatLimitRedisAppFactory>
{
    [Fact]
    public async Task Heartbeat_InRedisMode_CountsInOneCounterKeyOnTheDaysHashTag_AndWritesNoSqlCounter()
    {
        var alice = NewClient("alice");
        var client = app.CreateClient();
        var date = TestDates.Weekday(4);
        await HeartbeatRequestAsync(client, date, alice);
        await HeartbeatRequestAsync(client, date, alice);

        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var key = Assert.Single(redis.GetServers()[0].Keys(pattern: $"{app.Name}_rl_hb_{{{date.Text()}:1}}_{alice}:*"));
        Assert.Equal(2, (long)await redis.GetDatabase().StringGetAsync(key));
        Assert.InRange(await redis.GetDatabase().KeyTimeToLiveAsync(key) ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(51));
        await app.WithDbAsync(async db => Assert.Equal(0, await db.Set<RateLimitCounterRow>().CountAsync()));
    }
}

public sealed class HeartbeatRateLimitTestsOnMariaDb(HeartbeatLimitMariaDbAppFactory app)
    : HeartbeatRateLimitTests(app), IClassFixture<HeartbeatLimitMariaDbAppFactory>
{
    [Fact]
    public async Task Heartbeat_InSqlMode_CountsInRateLimitCounters()
    {
        var alice = NewClient("alice");
        await HeartbeatRequestAsync(app.CreateClient(), TestDates.Weekday(4), alice);

        await app.WithDbAsync(async db => Assert.True(await db.Set<RateLimitCounterRow>().AnyAsync(r => r.Bucket.StartsWith("heartbeat_per_client:"))));
    }
}

/// <summary>Windows that end (1 s), and one count shared by two instances of a deployment.</summary>
public sealed class HeartbeatRateLimitWindowTests
{
    /// <summary>
    /// Redis counts the window inside the heartbeat script by the server's own <c>TIME</c>, which no test clock reaches:
    /// this one really waits for the window to end.
    /// </summary>
    [Fact]
    public async Task Heartbeat_OnRedis_AfterTheWindowEnds_PassesAgain()
    {
        var app = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("RateLimits:HeartbeatPerClient:PermitLimit", "3")
            .With("RateLimits:HeartbeatPerClient:WindowSeconds", "1");
        try
        {
            var client = app.CreateClient();
            var alice = HeartbeatRateLimitTests.NewClient("alice");
            var date = TestDates.Weekday(3);

            // The first call starts the app and fills caches; it may eat a window. Then a window boundary may fall between
            // two calls, which only delays the refusal: 20 warm calls cannot all fit 3 to a second.
            await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, HeartbeatRateLimitTests.NewClient("warm-up"));
            HttpResponseMessage response;
            var calls = 0;
            do response = await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice);
            while (response.StatusCode == HttpStatusCode.OK && ++calls < 20);
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(response);
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);

            await Task.Delay(TimeSpan.FromSeconds(1.1));

            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice)).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    /// <summary>
    /// In SQL mode the window is the app's <see cref="TimeProvider"/>: on a <see cref="FakeTimeProvider"/> the count is
    /// exact (three pass, the fourth is refused) and the window ends when the test advances the clock, with no sleeping.
    /// </summary>
    [Fact]
    public async Task Heartbeat_InSqlMode_AfterTheWindowEnds_PassesAgain()
    {
        var clock = new FakeTimeProvider(TwoInstances.MidWindow());
        var app = new AppFactory(DatabaseKind.MariaDb, useRedis: false)
            .With("RateLimits:HeartbeatPerClient:PermitLimit", "3")
            .With("RateLimits:HeartbeatPerClient:WindowSeconds", "1");
        app.ConfigureServices = services => services.AddSingleton<TimeProvider>(clock);
        try
        {
            var client = app.CreateClient();
            var alice = HeartbeatRateLimitTests.NewClient("alice");
            var date = TestDates.Weekday(3);

            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice)).StatusCode);
            var refused = await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice);
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(refused);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);

            clock.Advance(TimeSpan.FromSeconds(1));

            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice)).StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public Task Heartbeat_TwoInstancesOnOneRedis_ShareOneCount() =>
        WithTwoInstancesAsync(useRedis: true, async (a, b, alice, date, _, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice)).StatusCode);

            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice));
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice));
        });

    /// <summary>
    /// In SQL mode each instance counts its hits in memory and writes them with its next read of the day (decision 137):
    /// within one share window an instance does not see the other's latest hits (the documented bound, here one hit
    /// over the limit), after it both refuse, and SQL holds every hit.
    /// </summary>
    [Fact]
    public Task Heartbeat_TwoInstancesInSqlMode_ShareOneCount_WithinTheDocumentedBound() =>
        WithTwoInstancesAsync(useRedis: false, async (a, b, alice, date, clock, first) =>
        {
            // Each instance's first heartbeat of the day reads SQL's count (1, then 2); the next ones are decided on what
            // each knows.
            foreach (var instance in new[] { a, b, a, b })
                Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(instance, date, alice)).StatusCode);
            clock.Advance(SharedDayReads.ShareFor);

            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice));
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice));
            await first.WithDbAsync(async db => Assert.Equal(6, await db.Set<RateLimitCounterRow>()
                .Where(r => r.Bucket.StartsWith("heartbeat_per_client:")).SumAsync(r => r.Count)));
        });

    /// <summary>
    /// A visitor new to an instance (or to a window) shares that instance's current read of the day instead of reading
    /// SQL's count at once (decision 145): it is decided on the instance's own hits for at most one share window, then
    /// on SQL's count. Here alice has used up her limit on A; on B her first heartbeat passes inside the window bob's
    /// read opened, and the next one after it is refused.
    /// </summary>
    [Fact]
    public Task Heartbeat_InSqlMode_AVisitorNewToAnInstance_IsDecidedOnSqlsCount_FromTheDaysNextRead() =>
        WithTwoInstancesAsync(useRedis: false, async (a, b, alice, date, clock, first) =>
        {
            for (var i = 0; i < HeartbeatRateLimitTests.Limit; i++)
                Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice)).StatusCode);
            clock.Advance(SharedDayReads.ShareFor);
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice));

            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, HeartbeatRateLimitTests.NewClient("bob"))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice)).StatusCode); // the bound
            clock.Advance(SharedDayReads.ShareFor);

            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice));
            // Alice's six hits and bob's one: nothing counted in memory was lost.
            await first.WithDbAsync(async db => Assert.Equal(7, await db.Set<RateLimitCounterRow>()
                .Where(r => r.Bucket.StartsWith("heartbeat_per_client:")).SumAsync(r => r.Count)));
        });

    /// <summary>
    /// Decision 158: an instance writes a counter once a twentieth of the limit is unwritten (here 2 of 40), so up to one
    /// hit less than that stays unseen by the other instance, which may admit that many over the limit; every read
    /// brings back SQL's count of the counters it does not write.
    /// </summary>
    [Fact]
    public Task Heartbeat_TwoInstancesInSqlMode_AdmitAtMostATwentiethOfTheLimitLessOneOver() =>
        WithTwoInstancesAsync(useRedis: false, async (a, b, alice, date, clock, first) =>
        {
            const int limit = 40;
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice)).StatusCode); // held back on A
            for (var i = 0; i < limit - 1; i++) // B: the first reads the day, the rest share that read
                Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice)).StatusCode);
            clock.Advance(SharedDayReads.ShareFor);
            // B writes its 40 hits and reads back 40: A's one unwritten hit is the bound, so the 41st passes.
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice)).StatusCode);
            clock.Advance(SharedDayReads.ShareFor);

            // A writes its two hits (42 in SQL) and refuses; B reads that back without writing its one new hit, and refuses.
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(a, date, alice));
            await HeartbeatRateLimitTests.AssertRateLimitedAsync(await HeartbeatRateLimitTests.HeartbeatRequestAsync(b, date, alice));
            await first.WithDbAsync(async db => Assert.Equal(42, await db.Set<RateLimitCounterRow>()
                .Where(r => r.Bucket.StartsWith("heartbeat_per_client:")).SumAsync(r => r.Count)));
        }, limit: 40);

    /// <summary>Two limited instances of one deployment on one clock; the test gets a client of each.</summary>
    private static async Task WithTwoInstancesAsync(bool useRedis,
        Func<HttpClient, HttpClient, string, DateOnly, FakeTimeProvider, AppFactory, Task> test, int limit = HeartbeatRateLimitTests.Limit)
    {
        var name = AppFactory.NewName();
        var clock = new FakeTimeProvider(TwoInstances.MidWindow());
        var first = HeartbeatRateLimitTests.Limited(new AppFactory(DatabaseKind.MariaDb, useRedis, sharedName: name), clock, limit);
        var second = HeartbeatRateLimitTests.Limited(new AppFactory(DatabaseKind.MariaDb, useRedis, sharedName: name), clock, limit);
        try
        {
            var a = first.CreateClient(); // the first instance migrates and seeds before the second starts
            var b = second.CreateClient();
            await test(a, b, HeartbeatRateLimitTests.NewClient("alice"), TestDates.Weekday(3), clock, first);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }
}

/// <summary>A private redis-server is killed mid-window: the failover store completes heartbeats on SQL, which counts.</summary>
public sealed class HeartbeatRateLimitOutageTests
{
    [Fact]
    public async Task Heartbeat_WhenRedisDiesMidWindow_IsStillLimitedThroughSql()
    {
        using var redis = await PrivateRedis.StartAsync();
        var app = HeartbeatRateLimitTests.Limited(new AppFactory(DatabaseKind.MariaDb, useRedis: true))
            .With("ConnectionStrings:Redis", redis.Endpoint)
            .With("Redis:ConnectTimeoutMs", "2000")
            .With("Redis:OperationTimeoutMs", "2000");
        try
        {
            var client = app.CreateClient();
            var alice = HeartbeatRateLimitTests.NewClient("alice");
            var date = TestDates.Weekday(3);
            var beforeKill = await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice);
            Assert.Equal("redis", (await beforeKill.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storageMode").GetString());
            Assert.Equal(HttpStatusCode.OK, (await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice)).StatusCode);

            redis.Kill();

            // SQL starts its own count for the window (the first call after the kill fails over mid-call and is counted
            // there): at most Limit more heartbeats pass, never an unlimited stream.
            var passed = 0;
            HttpResponseMessage last;
            do
            {
                last = await HeartbeatRateLimitTests.HeartbeatRequestAsync(client, date, alice);
                if (last.StatusCode == HttpStatusCode.OK) passed++;
            } while (last.StatusCode == HttpStatusCode.OK && passed <= 10);

            await HeartbeatRateLimitTests.AssertRateLimitedAsync(last);
            Assert.Equal(HeartbeatRateLimitTests.Limit, passed);
            await app.WithDbAsync(async db => Assert.True(await db.Set<RateLimitCounterRow>().AnyAsync(r => r.Bucket.StartsWith("heartbeat_per_client:"))));
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
