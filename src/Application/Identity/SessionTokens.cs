using System.Security.Cryptography;
using System.Text;

namespace AppointEase.Application.Identity;

/// <summary>Opaque bearer tokens: 32 random bytes as base64url (43 characters); the database keeps only the SHA-256.</summary>
public static class SessionTokens
{
    public const int TokenLength = 43;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Cheap shape check so garbage (or a megabyte header) never reaches the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
