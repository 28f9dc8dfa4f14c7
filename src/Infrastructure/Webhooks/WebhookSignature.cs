using System.Security.Cryptography;
using System.Text;
using AppointEase.Application.Webhooks;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>
/// Standard Webhooks v1 signature: base64 HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> with the
/// secret's bytes, sent as <c>v1,&lt;signature&gt;</c>; every Standard Webhooks verifier library accepts it.
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, string messageId, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
