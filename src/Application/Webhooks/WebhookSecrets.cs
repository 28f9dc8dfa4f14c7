using System.Security.Cryptography;

namespace AppointEase.Application.Webhooks;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> followed by base64 of 32 random bytes (the HMAC key).</summary>
public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
}
