namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Whether a webhook URL may be called (SSRF): an address literal in a loopback, private or link-local range is refused
/// unless configuration allows it. Host names are checked again on the resolved address at send time.
/// </summary>
public interface IWebhookTargetPolicy
{
    /// <summary>Null when allowed; otherwise why not.</summary>
    string? RefusalFor(Uri url);
}
