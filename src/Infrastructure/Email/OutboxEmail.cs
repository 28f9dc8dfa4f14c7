namespace AppointEase.Infrastructure.Email;

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    DeadLettered = 2,
}

/// <summary>A queued email row: written in the business transaction, sent later by the dispatcher.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    /// <summary>JSON array of {fileName, contentType, base64}.</summary>
    public string AttachmentsJson { get; set; } = "[]";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    /// <summary>Claimed by a dispatcher until this instant, so two instances never send the same row at once.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }
    /// <summary>When a dead letter was surfaced as a failed job in the dashboard (set once, by one instance).</summary>
    public DateTime? DeadLetterReportedUtc { get; set; }
}
