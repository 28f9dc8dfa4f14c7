namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Counts hits per (rule, subject) in fixed windows shared by every instance of the app (Redis, or SQL when Redis is
/// down), so a limit holds across a scaled-out deployment and does not vanish with Redis.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Counts one hit and says whether it is within the rule's limit.</summary>
    ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken);
}

/// <param name="Name">Short snake_case name, part of the storage key (e.g. otp_per_email).</param>
public sealed record RateLimitRule(string Name, int PermitLimit, TimeSpan Window);

/// <param name="Count">Hits in the current window including this one.</param>
/// <param name="RetryAfter">Time until the current window ends (when a refused caller may try again).</param>
public readonly record struct RateLimitDecision(bool Allowed, long Count, TimeSpan RetryAfter);
