using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Reliability;
using AppointEase.WebApi.IntegrationTests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.WebApi.IntegrationTests.RateLimiting;

/// <summary>
/// Decision 095: one Redis call of the rate limiter that times out while the health monitor sees Redis answering is
/// counted in SQL without a warning (a busy machine, not an outage); once the monitor confirms the outage, the fallback
/// is logged at Warning once. Redis is a private server frozen with SIGSTOP, so replies really stop.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class RateLimitRedisTimeoutTests : IAsyncLifetime
{
    private static readonly RateLimitRule Rule = new("timeout_test", 1000, TimeSpan.FromMinutes(1));
    private readonly CapturedLogs _logs = new();
    private readonly TelemetryCapture _telemetry = new();
    private PrivateRedisServer _redis = null!;
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        _app = _telemetry.Attach(new AppFactory(DatabaseKind.Sqlite, useRedis: true)
            .With("ConnectionStrings:Redis", _redis.Endpoint)
            .With("Redis:OperationTimeoutMs", "300")
            // The monitor checks once at start and then only when this test asks it to.
            .With("SlotState:HealthCheckIntervalMs", "60000"));
        var previous = _app.ConfigureServices;
        _app.ConfigureServices = services => { previous?.Invoke(services); services.AddSingleton<ILoggerProvider>(_logs); };
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
    }

    public async Task DisposeAsync()
    {
        await _redis.FreezeAsync(false);
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task ATimeoutWhileRedisAnswers_IsCountedNotWarned_AndAConfirmedOutageWarnsOnce()
    {
        var limiter = _app.Services.GetRequiredService<IRateLimiter>();
        Assert.IsType<FailoverRateLimiter>(limiter);
        Assert.True((await limiter.HitAsync(Rule, "ada", CancellationToken.None)).Allowed);
        _logs.Restart();

        await _redis.FreezeAsync(true);
        var slow = await limiter.HitAsync(Rule, "ada", CancellationToken.None);

        Assert.True(slow.Allowed);
        // A recurring job that ran into the frozen server fails its attempt and is retried: that is a fault for the
        // job and logged as one (JobFailureLoggingFilter). What must stay quiet is everything else.
        Assert.DoesNotContain(_logs.WarningsAndAbove, l => !l.Contains("JobFailureLoggingFilter", StringComparison.Ordinal));
        Assert.Equal(1, TelemetryCapture.Sum(_telemetry.Collect(), "appointease.rate_limit.sql_fallbacks", ("reason", "timeout")));

        // The monitor's own probe times out too: now it is an outage, and the limiter says so once.
        await _app.Services.GetRequiredService<RedisHealthMonitor>().CheckOnceAsync(CancellationToken.None);
        Assert.False(_app.Services.GetRequiredService<IStoreStatus>().RedisAvailable);
        for (var i = 0; i < 3; i++) Assert.True((await limiter.HitAsync(Rule, "ada", CancellationToken.None)).Allowed);

        var limiterWarnings = _logs.WarningsAndAbove.Where(l => l.Contains(nameof(FailoverRateLimiter))).ToList();
        Assert.Single(limiterWarnings);
        Assert.Contains("Rate limiting falls back to SQL", limiterWarnings[0]);
    }
}
