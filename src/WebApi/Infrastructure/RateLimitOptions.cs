using System.ComponentModel.DataAnnotations;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>RateLimits</c>: one PermitLimit + WindowSeconds per limit (fixed windows, shared by all instances).
/// Names are the property names (<see cref="RateLimitNames"/>), used with <c>.RequireRateLimit(name, subject)</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Codes mailed to one address: stops mail-bombing someone and guessing through fresh codes.</summary>
    public RateLimitPolicy OtpPerEmail { get; set; } = new() { PermitLimit = 5, WindowSeconds = 900 };

    /// <summary>Code requests from one IP, whatever the address (a shared office NAT still has room).</summary>
    public RateLimitPolicy OtpPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 900 };

    /// <summary>Verify calls per address, on top of the 5 wrong tries each code allows.</summary>
    public RateLimitPolicy VerifyPerEmail { get; set; } = new() { PermitLimit = 10, WindowSeconds = 900 };

    /// <summary>Booking creations per IP (attached by the bookings feature).</summary>
    public RateLimitPolicy BookingPerIp { get; set; } = new() { PermitLimit = 20, WindowSeconds = 3600 };

    /// <summary>Heartbeats per widget client id; the widget beats about once a second, so 10× headroom.</summary>
    public RateLimitPolicy HeartbeatPerClient { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    public RateLimitRule Rule(string name)
    {
        var policy = name switch
        {
            RateLimitNames.OtpPerEmail => OtpPerEmail,
            RateLimitNames.OtpPerIp => OtpPerIp,
            RateLimitNames.VerifyPerEmail => VerifyPerEmail,
            RateLimitNames.BookingPerIp => BookingPerIp,
            RateLimitNames.HeartbeatPerClient => HeartbeatPerClient,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown rate limit; see RateLimitNames."),
        };
        return new RateLimitRule(RateLimitNames.StorageName(name), policy.PermitLimit, TimeSpan.FromSeconds(policy.WindowSeconds));
    }

    public IEnumerable<RateLimitPolicy> All() => [OtpPerEmail, OtpPerIp, VerifyPerEmail, BookingPerIp, HeartbeatPerClient];
}

public sealed class RateLimitPolicy
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; }

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; }

    public bool IsValid => PermitLimit is >= 1 and <= 1_000_000 && WindowSeconds is >= 1 and <= 86_400;
}

public static class RateLimitNames
{
    public const string OtpPerEmail = nameof(RateLimitOptions.OtpPerEmail);
    public const string OtpPerIp = nameof(RateLimitOptions.OtpPerIp);
    public const string VerifyPerEmail = nameof(RateLimitOptions.VerifyPerEmail);
    public const string BookingPerIp = nameof(RateLimitOptions.BookingPerIp);
    public const string HeartbeatPerClient = nameof(RateLimitOptions.HeartbeatPerClient);

    public static bool IsKnown(string name) => name is OtpPerEmail or OtpPerIp or VerifyPerEmail or BookingPerIp or HeartbeatPerClient;

    /// <summary>OtpPerEmail → otp_per_email, the form used in Redis keys and SQL buckets.</summary>
    public static string StorageName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
