using System.Security.Cryptography;
using System.Text;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>Bucket names and window arithmetic shared by both stores, so a failover counts in the same windows.</summary>
internal static class RateLimitBuckets
{
    public const int MaxLength = 100;

    /// <summary>
    /// "{rule}:{sha256(subject)[..32]}". Subjects are emails and IPs: hashing keeps personal data out of Redis and
    /// bounds the key length whatever a caller sends.
    /// </summary>
    public static string Of(RateLimitRule rule, string subject)
    {
        // On the stack: this runs for every rate-limited request (select, lock, booking, sign-in).
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        if (Encoding.UTF8.GetMaxByteCount(subject.Length) <= SubjectBytesOnStack)
        {
            Span<byte> utf8 = stackalloc byte[SubjectBytesOnStack];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(subject, utf8)], hash);
        }
        else
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(subject), hash);
        }
        Span<char> hex = stackalloc char[HashChars];
        Convert.TryToHexStringLower(hash[..(HashChars / 2)], hex, out _);
        return string.Concat(rule.Name, ":", hex);
    }

    private const int HashChars = 32;
    private const int SubjectBytesOnStack = 512;

    /// <summary>Windows aligned to the Unix epoch, identical on every instance and in both stores.</summary>
    public static (DateTime Start, DateTime End) WindowAt(DateTime nowUtc, TimeSpan window)
    {
        var sinceEpoch = nowUtc.Ticks - DateTime.UnixEpoch.Ticks;
        var start = new DateTime(nowUtc.Ticks - sinceEpoch % window.Ticks, DateTimeKind.Utc);
        return (start, start + window);
    }

    /// <summary>
    /// Lua: <c>count_hit(key, ttlMs)</c> increments a window's counter and gives it its TTL in the same script, so a
    /// counter can never be left without one (a crash between the two would otherwise block a subject forever).
    /// Shared by <see cref="RedisRateLimiter"/> and the heartbeat script, which counts inside its own call.
    /// </summary>
    public const string RedisCountHit = """

        local function count_hit(key, ttl)
          local count = redis.call('INCR', key)
          if count == 1 or redis.call('PTTL', key) < 0 then
            redis.call('PEXPIRE', key, ttl)
          end
          return count
        end
        """;

    /// <summary>
    /// TTL of a Redis counter for the window <paramref name="windowEnd"/> closes: the rest of the window plus a second of
    /// slack, so clock skew between instances never drops a window that another still counts in.
    /// </summary>
    public static long RedisTtlMs(DateTime nowUtc, DateTime windowEnd) => (long)(windowEnd - nowUtc).TotalMilliseconds + 1000;

    public static long UnixMs(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeMilliseconds();

    public static RateLimitDecision Decide(RateLimitRule rule, long count, DateTime nowUtc, DateTime windowEnd) =>
        new(count <= rule.PermitLimit, count, windowEnd - nowUtc);
}
