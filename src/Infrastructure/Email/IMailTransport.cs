using MimeKit;

namespace AppointEase.Infrastructure.Email;

/// <summary>Where a built message goes: an SMTP server, or .eml files in a pickup folder for the embedded default.</summary>
internal interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
