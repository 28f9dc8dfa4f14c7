using System.ComponentModel.DataAnnotations;
using System.Text;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>RateLimits</c>: one PermitLimit + WindowSeconds per limit (fixed windows, shared by all instances).
/// Names are the property names (<see cref="RateLimitNames"/>), used with <c>.RequireRateLimit(name, subject)</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Codes mailed to one address from all networks together: the ceiling against mail-bombing someone and guessing
    /// through fresh codes. Higher than <see cref="OtpPerEmailAndIp"/>, so one network cannot use it up for the owner.
    /// </summary>
    public RateLimitPolicy OtpPerEmail { get; set; } = new() { PermitLimit = 20, WindowSeconds = 900 };

    /// <summary>Code requests from one IP, whatever the address (a shared office NAT still has room).</summary>
    public RateLimitPolicy OtpPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 900 };

    /// <summary>
    /// Verify calls per address from all networks together, the ceiling above <see cref="VerifyPerEmailAndIp"/>; with
    /// the code's own attempt cap it bounds the guesses at any one code.
    /// </summary>
    public RateLimitPolicy VerifyPerEmail { get; set; } = new() { PermitLimit = 30, WindowSeconds = 900 };

    /// <summary>Verify calls per IP (IPv6: per /64), whatever the address: guessing across many addresses from one place.</summary>
    public RateLimitPolicy VerifyPerIp { get; set; } = new() { PermitLimit = 30, WindowSeconds = 900 };

    /// <summary>
    /// Code requests for one address from one IP. <see cref="OtpPerEmail"/> is then the higher ceiling per address alone,
    /// so someone elsewhere asking for codes for the owner's address cannot use up the owner's own allowance.
    /// </summary>
    public RateLimitPolicy OtpPerEmailAndIp { get; set; } = new() { PermitLimit = 5, WindowSeconds = 900 };

    /// <summary>Verify calls for one address from one IP; <see cref="VerifyPerEmail"/> is the higher ceiling per address alone.</summary>
    public RateLimitPolicy VerifyPerEmailAndIp { get; set; } = new() { PermitLimit = 5, WindowSeconds = 900 };

    /// <summary>Slot select and lock calls per IP (IPv6: per /64): a widget makes a handful per booking.</summary>
    public RateLimitPolicy SlotsPerIp { get; set; } = new() { PermitLimit = 120, WindowSeconds = 60 };

    /// <summary>Booking confirmation emails to one address that has never signed in (the booking itself still succeeds).</summary>
    public RateLimitPolicy BookingMailPerUnverifiedRecipient { get; set; } = new() { PermitLimit = 3, WindowSeconds = 86_400 };

    /// <summary>Booking creations per IP (attached by the bookings feature).</summary>
    public RateLimitPolicy BookingPerIp { get; set; } = new() { PermitLimit = 20, WindowSeconds = 3600 };

    /// <summary>Heartbeats per widget client id; the widget beats about once a second, so 10× headroom.</summary>
    public RateLimitPolicy HeartbeatPerClient { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Slot streams opened per widget client id: a widget opens one and reconnects after drops, so 10 a minute is ample.</summary>
    public RateLimitPolicy StreamsPerClient { get; set; } = new() { PermitLimit = 10, WindowSeconds = 60 };

    /// <summary>Slot streams opened per IP (IPv6: per /64): room for an office NAT full of visitors (decision 123).</summary>
    public RateLimitPolicy StreamsPerIp { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    public RateLimitRule Rule(string name)
    {
        var policy = name switch
        {
            RateLimitNames.OtpPerEmail => OtpPerEmail,
            RateLimitNames.OtpPerIp => OtpPerIp,
            RateLimitNames.VerifyPerEmail => VerifyPerEmail,
            RateLimitNames.VerifyPerIp => VerifyPerIp,
            RateLimitNames.OtpPerEmailAndIp => OtpPerEmailAndIp,
            RateLimitNames.VerifyPerEmailAndIp => VerifyPerEmailAndIp,
            RateLimitNames.SlotsPerIp => SlotsPerIp,
            RateLimitNames.BookingMailPerUnverifiedRecipient => BookingMailPerUnverifiedRecipient,
            RateLimitNames.BookingPerIp => BookingPerIp,
            RateLimitNames.HeartbeatPerClient => HeartbeatPerClient,
            RateLimitNames.StreamsPerClient => StreamsPerClient,
            RateLimitNames.StreamsPerIp => StreamsPerIp,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown rate limit; see RateLimitNames."),
        };
        return new RateLimitRule(RateLimitNames.StorageName(name), policy.PermitLimit, TimeSpan.FromSeconds(policy.WindowSeconds));
    }

    public IEnumerable<RateLimitPolicy> All() =>
        [OtpPerEmail, OtpPerIp, VerifyPerEmail, VerifyPerIp, OtpPerEmailAndIp, VerifyPerEmailAndIp, SlotsPerIp, BookingMailPerUnverifiedRecipient, BookingPerIp,
            HeartbeatPerClient, StreamsPerClient, StreamsPerIp];
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
    public const string VerifyPerIp = nameof(RateLimitOptions.VerifyPerIp);
    public const string OtpPerEmailAndIp = nameof(RateLimitOptions.OtpPerEmailAndIp);
    public const string VerifyPerEmailAndIp = nameof(RateLimitOptions.VerifyPerEmailAndIp);
    public const string SlotsPerIp = nameof(RateLimitOptions.SlotsPerIp);
    public const string BookingMailPerUnverifiedRecipient = nameof(RateLimitOptions.BookingMailPerUnverifiedRecipient);
    public const string BookingPerIp = nameof(RateLimitOptions.BookingPerIp);
    public const string HeartbeatPerClient = nameof(RateLimitOptions.HeartbeatPerClient);
    public const string StreamsPerClient = nameof(RateLimitOptions.StreamsPerClient);
    public const string StreamsPerIp = nameof(RateLimitOptions.StreamsPerIp);

    public static bool IsKnown(string name) => name is OtpPerEmail or OtpPerIp or VerifyPerEmail or VerifyPerIp or OtpPerEmailAndIp
        or VerifyPerEmailAndIp or SlotsPerIp or BookingMailPerUnverifiedRecipient or BookingPerIp or HeartbeatPerClient
        or StreamsPerClient or StreamsPerIp;

    /// <summary>OtpPerEmail → otp_per_email, the form used in Redis keys and SQL buckets.</summary>
    public static string StorageName(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
            {
                if (snake.Length > 0) snake.Append('_');
                snake.Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }
        return snake.ToString();
    }
}
