using System.Security.Cryptography;
using System.Text;

namespace AppointEase.WebApi.Infrastructure.AdminAuth;

public static class AdminKeyHash
{
    /// <summary>Keys longer than this are rejected unhashed: nobody's real key, and hashing megabytes is free CPU for an attacker.</summary>
    public const int MaxKeyLength = 512;

    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool IsHexSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    /// <summary>
    /// Compares the presented key's hash with every configured hash in constant time and without stopping at a match,
    /// so response timing reveals neither how much of a hash matched nor which key it was.
    /// </summary>
    public static string? FindKeyId(string presentedKey, IReadOnlyList<(string Id, byte[] Hash)> keys)
    {
        var presented = Of(presentedKey);
        string? match = null;
        foreach (var (id, hash) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
                match ??= id;
        }
        return match;
    }
}
