namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Queues an email in the database (the caller's transaction, when there is one) so a failed SMTP send never fails or
/// rolls back the business change; a dispatcher sends it later with retries.
/// </summary>
public interface IEmailOutbox
{
    /// <summary>Adds the message to the unit of work; it is persisted by the caller's SaveChanges.</summary>
    void Enqueue(OutgoingEmail email);
}

public sealed record OutgoingEmail(
    string Kind,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailAttachment> Attachments);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
