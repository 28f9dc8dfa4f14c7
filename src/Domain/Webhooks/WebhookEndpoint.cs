using AppointEase.Domain.Common;

namespace AppointEase.Domain.Webhooks;

/// <summary>
/// A business system that is called when bookings change. The signing secret is kept as issued (it must be used to sign
/// every delivery, so it cannot be a hash); it is shown to the admin only when created or rotated.
/// </summary>
public sealed class WebhookEndpoint : Entity
{
    public const int MaxUrlLength = 2000;

    private WebhookEndpoint() { Url = EventTypes = Secret = ""; }

    public WebhookEndpoint(string url, IEnumerable<string> eventTypes, bool isActive, string secret, DateTime createdUtc)
    {
        Url = Guard.NotBlank(url, nameof(Url), MaxUrlLength);
        EventTypes = string.Join(',', eventTypes.Distinct().Order(StringComparer.Ordinal));
        IsActive = isActive;
        Secret = secret;
        CreatedUtc = createdUtc;
    }

    public string Url { get; private set; }
    /// <summary>Comma-separated event types this endpoint receives.</summary>
    public string EventTypes { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>Standard Webhooks secret, <c>whsec_</c> + base64 of 32 random bytes.</summary>
    public string Secret { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    /// <summary>When deliveries were stopped because one exhausted its attempts; null while active or switched off by hand.</summary>
    public DateTime? DisabledUtc { get; private set; }

    public IReadOnlyList<string> Events => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => IsActive && Events.Contains(eventType, StringComparer.Ordinal);

    public void RotateSecret(string secret) => Secret = secret;

    public void Disable(DateTime nowUtc)
    {
        IsActive = false;
        DisabledUtc = nowUtc;
    }
}
