using System.Security.Cryptography;
using System.Text;
using AppointEase.Domain.Common;
using AppointEase.Domain.Identity;

namespace AppointEase.Application.Identity;

/// <summary>
/// Keyed hash of a sign-in code: HMAC-SHA256(secret, email + ":" + code). A plain hash of a 6-digit code could be
/// reversed by trying all million codes; the server key prevents that, and the email binds a hash to its owner.
/// </summary>
public sealed class OtpHasher(AuthOptions options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.OtpSecret
        ?? throw new InvalidOperationException("Auth:OtpSecret is not configured."));

    public byte[] Hash(EmailAddress email, string code) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(email.Value + ":" + code));

    /// <summary>Constant-time, so response timing does not reveal how many leading bytes matched.</summary>
    public static bool Matches(byte[] presented, byte[] stored) =>
        stored.Length == OtpChallenge.HashBytes && CryptographicOperations.FixedTimeEquals(presented, stored);

    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D" + OtpChallenge.CodeDigits, System.Globalization.CultureInfo.InvariantCulture);
}
