using System.Security.Cryptography;
using System.Text;

namespace AppointEase.Domain.Appointments;

/// <summary>
/// The secret in a customer's manage link: 256 random bits, base64url. Only its SHA-256 hash is stored, so a database
/// leak does not hand out the power to cancel other people's appointments.
/// </summary>
public static class ManageToken
{
    public static (string Token, string Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison of a presented token against a stored hash.</summary>
    public static bool Matches(string? token, string storedHash)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return false;
        var presented = Encoding.ASCII.GetBytes(HashOf(token));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presented, stored);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
