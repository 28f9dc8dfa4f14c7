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
    public static string Of(RateLimitRule rule, string subject) =>
        rule.Name + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];

    /// <summary>Windows aligned to the Unix epoch, identical on every instance and in both stores.</summary>
    public static (DateTime Start, DateTime End) WindowAt(DateTime nowUtc, TimeSpan window)
    {
        var sinceEpoch = nowUtc.Ticks - DateTime.UnixEpoch.Ticks;
        var start = new DateTime(nowUtc.Ticks - sinceEpoch % window.Ticks, DateTimeKind.Utc);
        return (start, start + window);
    }

    public static RateLimitDecision Decide(RateLimitRule rule, long count, DateTime nowUtc, DateTime windowEnd) =>
        new(count <= rule.PermitLimit, count, windowEnd - nowUtc);
}
