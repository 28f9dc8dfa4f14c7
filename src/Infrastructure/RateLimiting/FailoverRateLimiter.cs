using AppointEase.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// Redis first, SQL on a Redis outage (a script error surfaces), decided per call: the limit keeps holding while Redis is down (counting in
/// the same windows in SQL) and moves back by itself when Redis returns. During the switch a subject's hits may be
/// split over both stores for one window, which can let through at most one extra window's worth — accepted.
/// </summary>
public sealed class FailoverRateLimiter(RedisRateLimiter redis, SqlRateLimiter sql, TimeProvider clock, ILogger<FailoverRateLimiter> logger)
    : IRateLimiter
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(30);
    private long _lastWarningTicks;

    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        // While the multiplexer knows it is disconnected, go straight to SQL instead of waiting for each command to
        // time out; it reconnects in the background and the next call after that uses Redis again.
        if (!redis.IsConnected)
        {
            WarnOccasionally("Redis is disconnected");
            return await sql.HitAsync(rule, subject, cancellationToken);
        }
        try
        {
            return await redis.HitAsync(rule, subject, cancellationToken);
        }
        catch (Exception ex) when (redis.IsOutage(ex))
        {
            WarnOccasionally(ex.GetType().Name);
            return await sql.HitAsync(rule, subject, cancellationToken);
        }
    }

    /// <summary>One warning per 30 s: during an outage every request would otherwise log the same thing.</summary>
    private void WarnOccasionally(string reason)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last < WarnEvery.Ticks || Interlocked.CompareExchange(ref _lastWarningTicks, now, last) != last) return;
        logger.LogWarning("Rate limiting falls back to SQL: {Reason}", reason);
    }
}
