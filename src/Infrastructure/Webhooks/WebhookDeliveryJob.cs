using Hangfire;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>
/// Hangfire jobs on their own queue, so a slow receiver never holds up reminders or the mail outbox. Hangfire's own
/// retries are off: the delivery row carries the attempt count and the next due time, and the every-minute sweep makes
/// the retries (a lost job costs at most a minute).
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
internal sealed class WebhookDeliveryJob(WebhookDeliverer deliverer)
{
    public const string Queue = "webhook-delivery";

    [JobDisplayName("Deliver webhook {0}")]
    public Task DeliverAsync(int deliveryId, CancellationToken cancellationToken) => deliverer.DeliverAsync(deliveryId, cancellationToken);

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Deliver due webhooks")]
    public Task<int> RunDueAsync(CancellationToken cancellationToken) => deliverer.DeliverDueAsync(cancellationToken);
}
