using System.Net;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.RateLimiting;

/// <summary>Acceptance 2: one limit across two instances, on Redis, and still enforced without Redis.</summary>
public sealed class SharedRateLimitTests
{
    private const int Limit = 3;

    [Fact]
    public async Task OtpPerEmail_AcrossTwoInstancesOnOneRedis_IsCountedOnce()
    {
        await using var app = TwoInstances.Start(TestServers.Redis, Limit);
        var (a, b) = (app.First.CreateClient(), app.Second.CreateClient());
        var email = AuthApi.NewEmail("shared");

        Assert.Equal(HttpStatusCode.Accepted, (await a.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await b.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await a.RequestCodeAsync(email)).StatusCode);
        var refused = await b.RequestCodeAsync(email);

        await AssertRateLimitedAsync(refused);
        await AssertRateLimitedAsync(await a.RequestCodeAsync(email));
        Assert.Equal(0, await CountersInSqlAsync(app.First));
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var keys = redis.GetServers()[0].Keys(pattern: $"{app.Name}_rl_otp_per_email:*").ToList();
        Assert.Single(keys);
        Assert.Equal(Limit + 2, (long)await redis.GetDatabase().StringGetAsync(keys[0]));
        Assert.True(await redis.GetDatabase().KeyTimeToLiveAsync(keys[0]) > TimeSpan.Zero);
    }

    [Fact]
    public async Task OtpPerEmail_WithRedisUnreachable_IsStillCountedOnceAcrossInstancesInSql()
    {
        await using var app = TwoInstances.Start($"127.0.0.1:{PrivateRedis.FreePort()}", Limit);
        var (a, b) = (app.First.CreateClient(), app.Second.CreateClient());
        var email = AuthApi.NewEmail("nosql");

        Assert.Equal(HttpStatusCode.Accepted, (await a.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await b.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await a.RequestCodeAsync(email)).StatusCode);

        await AssertRateLimitedAsync(await b.RequestCodeAsync(email));
        Assert.True(await CountersInSqlAsync(app.First) > 0);
    }

    [Fact]
    public async Task OtpPerEmail_WhenRedisDiesMidWindow_KeepsBeingEnforcedThroughSql()
    {
        using var redis = await PrivateRedis.StartAsync();
        await using var app = TwoInstances.Start(redis.Endpoint, Limit);
        var (a, b) = (app.First.CreateClient(), app.Second.CreateClient());
        var email = AuthApi.NewEmail("dies");
        Assert.Equal(HttpStatusCode.Accepted, (await a.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await b.RequestCodeAsync(email)).StatusCode);
        Assert.Equal(0, await CountersInSqlAsync(app.First));

        redis.Kill();

        // SQL starts its own count for the window: at most Limit more requests pass, never an unlimited stream.
        var passed = 0;
        HttpResponseMessage last;
        var attempts = 0;
        do
        {
            last = await (attempts++ % 2 == 0 ? a : b).RequestCodeAsync(email);
            if (last.StatusCode == HttpStatusCode.Accepted) passed++;
        } while (last.StatusCode == HttpStatusCode.Accepted && attempts < 10);

        await AssertRateLimitedAsync(last);
        Assert.True(passed <= Limit, $"{passed} requests passed after Redis died; the limit is {Limit}.");
        Assert.True(await CountersInSqlAsync(app.First) > 0);
    }

    private static async Task AssertRateLimitedAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    private static async Task<int> CountersInSqlAsync(AppFactory app)
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.Set<RateLimitCounterRow>().CountAsync());
        return count;
    }
}
