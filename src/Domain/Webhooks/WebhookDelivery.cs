using AppointEase.Domain.Common;

namespace AppointEase.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// One event for one endpoint: written in the transaction of the booking change it reports (the outbox), then sent by a
/// job until the receiver answers 2xx or the attempts run out. <see cref="MessageId"/> is the <c>webhook-id</c> of every
/// attempt, so a receiver can drop a retry it has already processed.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    private WebhookDelivery() { EventType = MessageId = PayloadJson = ""; }

    public WebhookDelivery(int endpointId, string eventType, string messageId, string payloadJson, DateTime createdUtc)
    {
        EndpointId = endpointId;
        EventType = eventType;
        MessageId = messageId;
        PayloadJson = payloadJson;
        CreatedUtc = createdUtc;
        NextAttemptUtc = createdUtc;
        Status = WebhookDeliveryStatus.Pending;
    }

    public int EndpointId { get; private set; }
    public string EventType { get; private set; }
    public string MessageId { get; private set; }
    /// <summary>The exact body sent (and signed) on every attempt.</summary>
    public string PayloadJson { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    /// <summary>Claimed by one sender until this instant, so two instances never send the same attempt.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }
    public DateTime? DeliveredUtc { get; private set; }

    public void Delivered(DateTime nowUtc)
    {
        Attempts++;
        Status = WebhookDeliveryStatus.Delivered;
        DeliveredUtc = nowUtc;
        ClaimedUntilUtc = null;
    }

    /// <summary>Counts a failed attempt; the next is due at <paramref name="nextAttemptUtc"/>, or never (null: given up).</summary>
    public void AttemptFailed(DateTime? nextAttemptUtc)
    {
        Attempts++;
        ClaimedUntilUtc = null;
        if (nextAttemptUtc is { } next) NextAttemptUtc = next;
        else Status = WebhookDeliveryStatus.Failed;
    }

    /// <summary>An admin's manual redelivery: due now, with a fresh set of attempts.</summary>
    public void Redeliver(DateTime nowUtc)
    {
        Status = WebhookDeliveryStatus.Pending;
        Attempts = 0;
        NextAttemptUtc = nowUtc;
        ClaimedUntilUtc = null;
    }
}

/// <summary>One HTTP attempt of a delivery, for the admin's delivery log.</summary>
public sealed class WebhookDeliveryAttempt : Entity
{
    public const int MaxExcerptLength = 500;

    private WebhookDeliveryAttempt() { }

    public WebhookDeliveryAttempt(int deliveryId, int attempt, DateTime attemptedUtc, int? statusCode, int durationMs, string? error, string? responseExcerpt)
    {
        DeliveryId = deliveryId;
        Attempt = attempt;
        AttemptedUtc = attemptedUtc;
        StatusCode = statusCode;
        DurationMs = durationMs;
        Error = Cut(error);
        ResponseExcerpt = Cut(responseExcerpt);
    }

    public int DeliveryId { get; private set; }
    public int Attempt { get; private set; }
    public DateTime AttemptedUtc { get; private set; }
    /// <summary>The receiver's status code; null when no answer came (refused target, timeout, connection error).</summary>
    public int? StatusCode { get; private set; }
    public int DurationMs { get; private set; }
    public string? Error { get; private set; }
    public string? ResponseExcerpt { get; private set; }

    private static string? Cut(string? text) => text is null ? null : text.Length <= MaxExcerptLength ? text : text[..MaxExcerptLength];
}
