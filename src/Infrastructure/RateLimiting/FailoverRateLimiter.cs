using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// Redis first, SQL on a Redis outage (a script error surfaces), decided per call: the limit keeps holding while Redis is down (counting in
/// the same windows in SQL) and moves back by itself when Redis returns. During the switch a subject's hits may be
/// split over both stores for one window, which can let through at most one extra window's worth — accepted.
/// A single timed-out call while the Redis health monitor still sees Redis answering is not an outage (a busy machine
/// stretched one reply past <c>Redis:OperationTimeoutMs</c>): that call is counted in SQL too, but it is counted in
/// <c>appointease.rate_limit.sql_fallbacks</c> and logged at Information, not Warning (decision 095). The script is not
/// retried: INCR may already have run, and a retry would count the hit twice.
/// </summary>
public sealed class FailoverRateLimiter(
    RedisRateLimiter redis,
    SqlRateLimiter sql,
    IStoreStatus status,
    AppointEaseMetrics metrics,
    TimeProvider clock,
    ILogger<FailoverRateLimiter> logger) : IRateLimiter
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);
    private long _lastWarningTicks;
    private long _lastTimeoutTicks;

    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        // While the multiplexer knows it is disconnected, go straight to SQL instead of waiting for each command to
        // time out; it reconnects in the background and the next call after that uses Redis again.
        if (!redis.IsConnected)
        {
            metrics.RateLimitFellBackToSql("disconnected");
            if (Due(ref _lastWarningTicks)) logger.LogWarning("Rate limiting falls back to SQL: Redis is disconnected");
            return await sql.HitAsync(rule, subject, cancellationToken);
        }
        try
        {
            return await redis.HitAsync(rule, subject, cancellationToken);
        }
        catch (RedisTimeoutException ex) when (status.RedisAvailable)
        {
            metrics.RateLimitFellBackToSql("timeout");
            if (Due(ref _lastTimeoutTicks))
                logger.LogInformation("Rate limit hit counted in SQL: one Redis call timed out while Redis answers ({Detail})", ex.Message);
            return await sql.HitAsync(rule, subject, cancellationToken);
        }
        catch (Exception ex) when (redis.IsOutage(ex))
        {
            metrics.RateLimitFellBackToSql("outage");
            if (Due(ref _lastWarningTicks)) logger.LogWarning(ex, "Rate limiting falls back to SQL: {Reason}", ex.GetType().Name);
            return await sql.HitAsync(rule, subject, cancellationToken);
        }
    }

    /// <summary>Once per 30 s: during an outage every request would otherwise log the same thing.</summary>
    private bool Due(ref long lastTicks)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastTicks);
        return now - last >= LogEvery.Ticks && Interlocked.CompareExchange(ref lastTicks, now, last) == last;
    }
}
