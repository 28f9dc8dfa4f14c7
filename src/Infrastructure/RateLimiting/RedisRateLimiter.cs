using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Redis;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// INCR and PEXPIRE in one Lua script, so a counter can never be left without a TTL (a crash between the two would
/// otherwise block a subject forever). Key: {prefix}_rl_{rule}:{subject hash}:{window start, Unix ms}.
/// </summary>
public sealed class RedisRateLimiter(RedisConnection redis, TimeProvider clock) : IRateLimiter
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
        end
        return count
        """;

    public bool IsConnected => redis.Multiplexer.IsConnected;

    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = RateLimitBuckets.WindowAt(now, rule.Window);
        var key = $"{redis.Options.KeyPrefix}_rl_{RateLimitBuckets.Of(rule, subject)}:{new DateTimeOffset(start).ToUnixTimeMilliseconds()}";
        // A second of slack so clock skew between instances never drops a window that another still counts in.
        var ttlMs = (long)(end - now).TotalMilliseconds + 1000;
        var result = await redis.Database.ScriptEvaluateAsync(Script, [key], [ttlMs]);
        return RateLimitBuckets.Decide(rule, (long)result, now, end);
    }
}
