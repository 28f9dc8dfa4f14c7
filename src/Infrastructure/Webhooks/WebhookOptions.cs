using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>
/// Section <c>Webhooks</c>. With the defaults a failing receiver is tried 10 times over about 35 hours (30 s, 2 min,
/// 8 min, 32 min, 2 h 8 min, then every 8 h, each ±20 %), so a receiver down over a weekend night still gets the event.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Let deliveries reach loopback, private (RFC 1918, unique-local) and link-local addresses. Off in production:
    /// otherwise an admin key could make the server call its own network (SSRF), e.g. a cloud metadata endpoint.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Longest wait for a receiver's answer per attempt; a receiver should answer first and process later.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Attempts per delivery before it is given up and its endpoint disabled.</summary>
    [Range(1, 30)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failure; each further wait is four times longer, up to <see cref="MaxRetryDelayMinutes"/>.</summary>
    [Range(1, 3600)]
    public int FirstRetrySeconds { get; set; } = 30;

    [Range(1, 1440)]
    public int MaxRetryDelayMinutes { get; set; } = 480;

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failure, before jitter.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var seconds = FirstRetrySeconds * Math.Pow(4, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetryDelayMinutes * 60.0));
    }
}
