using System.Security.Cryptography;
using System.Text;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.RateLimiting;

namespace AppointEase.Infrastructure.IntegrationTests.RateLimiting;

/// <summary>
/// A bucket name is "{rule}:{first 32 hex digits of sha256(subject as UTF-8)}" in both stores; counters already in
/// Redis and SQL are found again only if the name never changes, however it is computed.
/// </summary>
public sealed class RateLimitBucketsTests
{
    private static readonly RateLimitRule Rule = new("slots_per_ip", 60, TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("")]
    [InlineData("zoë.müller@example.com")]
    [InlineData("2001:db8:85a3::/64")]
    public void Of_IsTheRuleAndTheSubjectsHashPrefix(string subject) =>
        Assert.Equal(Rule.Name + ":" + Reference(subject), RateLimitBuckets.Of(Rule, subject));

    [Fact]
    public void Of_HashesASubjectTooLongForTheStackLikeAShortOne()
    {
        var subject = new string('é', 5_000) + "@example.com"; // 10 KB of UTF-8, whatever a caller sends

        var bucket = RateLimitBuckets.Of(Rule, subject);

        Assert.Equal(Rule.Name + ":" + Reference(subject), bucket);
        Assert.True(bucket.Length <= RateLimitBuckets.MaxLength);
    }

    private static string Reference(string subject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))[..32];
}
