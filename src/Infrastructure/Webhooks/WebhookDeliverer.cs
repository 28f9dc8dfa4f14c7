using AppointEase.Domain.Webhooks;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Webhooks;

/// <summary>
/// Sends due deliveries. Each attempt first claims its row with a conditional UPDATE (pending, due, unclaimed), so with
/// several instances or a job and the sweep racing, one attempt is made per due time. Every attempt is logged; a failure
/// schedules the next with exponential backoff and ±20 % jitter (receivers that failed together do not retry together);
/// the last failure gives the delivery up and disables its endpoint.
/// </summary>
internal sealed class WebhookDeliverer(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
{
    private const int SweepBatch = 100;

    public async Task<bool> DeliverAsync(int deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Long enough to cover the call; a crashed sender's claim simply lapses and the sweep tries again.
        var claimedUntil = now.AddSeconds(options.Value.TimeoutSeconds + 60);
        var claimed = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptUtc <= now
                        && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntilUtc, claimedUntil), cancellationToken);
        if (claimed == 0) return false;

        var delivery = await db.Set<WebhookDelivery>().SingleAsync(d => d.Id == deliveryId, cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var outcome = endpoint.IsActive
            ? await sender.SendAsync(endpoint.Url, delivery.MessageId, delivery.PayloadJson, endpoint.Secret, clock.GetUtcNow(), cancellationToken)
            : new WebhookAttemptOutcome(false, null, 0, "endpoint_inactive", null);
        var done = clock.GetUtcNow().UtcDateTime;
        var attempt = await db.Set<WebhookDeliveryAttempt>().CountAsync(a => a.DeliveryId == deliveryId, cancellationToken) + 1;
        db.Set<WebhookDeliveryAttempt>().Add(new WebhookDeliveryAttempt(deliveryId, attempt, now, outcome.StatusCode, outcome.DurationMs,
            outcome.Error, outcome.ResponseExcerpt));

        if (outcome.Succeeded)
        {
            delivery.Delivered(done);
        }
        else if (!endpoint.IsActive || delivery.Attempts + 1 >= options.Value.MaxAttempts)
        {
            delivery.AttemptFailed(null);
            if (endpoint.IsActive)
            {
                endpoint.Disable(done);
                // A fault for the business (its system has not answered for a day or more): ops must see it.
                logger.LogWarning("Webhook endpoint {WebhookEndpointId} disabled: delivery {WebhookMessageId} failed {Attempts} times, last {WebhookError}",
                    endpoint.Id, delivery.MessageId, delivery.Attempts, outcome.Error);
            }
        }
        else
        {
            var delay = options.Value.RetryDelay(delivery.Attempts + 1) * (0.8 + 0.4 * Random.Shared.NextDouble());
            delivery.AttemptFailed(done + delay);
            logger.LogInformation("Webhook {WebhookMessageId} attempt {Attempt} failed ({WebhookError}); next in {RetrySeconds:0} s",
                delivery.MessageId, attempt, outcome.Error, delay.TotalSeconds);
        }
        await db.SaveChangesAsync(cancellationToken);
        return outcome.Succeeded;
    }

    /// <summary>Every due delivery (the safety net for lost jobs, and the retries): returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.Set<WebhookDelivery>().AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
                .OrderBy(d => d.NextAttemptUtc).Select(d => d.Id).Take(SweepBatch).ToListAsync(cancellationToken);
        }
        var attempted = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await DeliverAsync(id, cancellationToken);
            attempted++;
        }
        return attempted;
    }
}
