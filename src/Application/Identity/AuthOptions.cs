using System.ComponentModel.DataAnnotations;

namespace AppointEase.Application.Identity;

/// <summary>
/// Section <c>Auth</c>: customer sign-in by emailed code. Bound and validated at start-up by the WebApi, which also
/// decides what happens when <see cref="OtpSecret"/> is missing (required outside Development/Testing).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const int MinSecretLength = 32;

    /// <summary>HMAC key for stored OTP hashes; every instance must share it, or codes issued by one fail on another.</summary>
    [MinLength(MinSecretLength)]
    public string? OtpSecret { get; set; }

    [Range(1, 60)]
    public int OtpLifetimeMinutes { get; set; } = 10;

    [Range(1, 43_200)]
    public int SessionLifetimeMinutes { get; set; } = 1440;

    public TimeSpan OtpLifetime => TimeSpan.FromMinutes(OtpLifetimeMinutes);
    public TimeSpan SessionLifetime => TimeSpan.FromMinutes(SessionLifetimeMinutes);
}
