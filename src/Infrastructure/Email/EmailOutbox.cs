using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;

namespace AppointEase.Infrastructure.Email;

internal sealed class EmailOutbox(AppDbContext db, TimeProvider clock) : IEmailOutbox
{
    public void Enqueue(OutgoingEmail email)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxEmail>().Add(new OutboxEmail
        {
            Kind = email.Kind,
            To = email.To,
            Subject = email.Subject,
            TextBody = email.TextBody,
            HtmlBody = email.HtmlBody,
            AttachmentsJson = JsonSerializer.Serialize(email.Attachments.Select(a => new StoredAttachment(a.FileName, a.ContentType, Convert.ToBase64String(a.Content)))),
            Status = OutboxStatus.Pending,
            CreatedUtc = now,
            NextAttemptUtc = now,
        });
    }

    internal sealed record StoredAttachment(string FileName, string ContentType, string Base64);
}
