using AppointEase.Application.Common.Interfaces;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Webhooks;

internal sealed class HangfireWebhookDispatcher(IBackgroundJobClient jobs, ILogger<HangfireWebhookDispatcher> logger) : IWebhookDispatcher
{
    public void Dispatch(IReadOnlyCollection<int> deliveryIds)
    {
        foreach (var id in deliveryIds)
        {
            try
            {
                jobs.Enqueue<WebhookDeliveryJob>(WebhookDeliveryJob.Queue, job => job.DeliverAsync(id, CancellationToken.None));
            }
            catch (Exception ex)
            {
                // The booking is committed and so is the delivery row: the sweep sends it within a minute of storage returning.
                logger.LogWarning(ex, "Could not queue webhook delivery {WebhookDeliveryId}; the sweep will send it", id);
            }
        }
    }
}
