using AppointEase.Domain.Common;

namespace AppointEase.Domain.Identity;

/// <summary>
/// One emailed sign-in code. Only a keyed hash of the code is kept, so a database leak does not reveal live codes.
/// Attempts are counted before the comparison (see VerifyOtp), which caps guesses even under parallel requests.
/// </summary>
public sealed class OtpChallenge : Entity
{
    public const int CodeDigits = 6;
    /// <summary>
    /// Wrong tries before a code dies, from anywhere. Each network gets only 5 (RateLimits:VerifyPerEmailAndIp) and
    /// all together 30 per 15 minutes (VerifyPerEmail), so someone else's wrong guesses cannot kill the owner's code
    /// unless they come from four networks or more (decision 086).
    /// </summary>
    public const int MaxAttempts = 20;
    public const int HashBytes = 32;

    private OtpChallenge()
    {
        Email = "";
        CodeHash = [];
    }

    public OtpChallenge(EmailAddress email, byte[] codeHash, DateTime createdUtc, DateTime expiresUtc)
    {
        if (codeHash.Length != HashBytes) throw new DomainException("An OTP hash is 32 bytes (HMAC-SHA256).");
        if (expiresUtc <= createdUtc) throw new DomainException("An OTP must expire after it is created.");
        Email = email.Value;
        CodeHash = codeHash;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public string Email { get; private set; }
    public byte[] CodeHash { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }

    /// <summary>Verification attempts made so far, right or wrong.</summary>
    public int Attempts { get; private set; }

    /// <summary>Set when the code was used to sign in, or when a newer code replaced it.</summary>
    public DateTime? ConsumedUtc { get; private set; }

    public bool IsOpen(DateTime nowUtc) => ConsumedUtc is null && Attempts < MaxAttempts && nowUtc < ExpiresUtc;
}
