using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Redis;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// INCR and PEXPIRE in one Lua script (<see cref="RateLimitBuckets.RedisCountHit"/>). Key: {prefix}_rl_{rule}:{subject hash}:{window start, Unix ms}.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, TimeProvider clock) : IRateLimiter
{
    private static readonly RedisScript Script = new(RateLimitBuckets.RedisCountHit + """

        return count_hit(KEYS[1], ARGV[1])
        """);

    public bool IsConnected => redis.Multiplexer.IsConnected;

    internal bool IsOutage(Exception exception) => redis.IsOutage(exception);

    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = RateLimitBuckets.WindowAt(now, rule.Window);
        var key = $"{redis.Options.KeyPrefix}_rl_{RateLimitBuckets.Of(rule, subject)}:{RateLimitBuckets.UnixMs(start)}";
        var result = await Script.EvaluateAsync(redis.Database, [key], [RateLimitBuckets.RedisTtlMs(now, end)]);
        return RateLimitBuckets.Decide(rule, (long)result, now, end);
    }
}
