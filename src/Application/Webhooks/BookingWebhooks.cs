using System.Security.Cryptography;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;

namespace AppointEase.Application.Webhooks;

/// <summary>
/// Writes one delivery row per subscribed endpoint into the current unit of work, so the webhook exists exactly when the
/// booking change it reports was committed (the outbox). Sending starts after the commit. The endpoints come from the
/// cached catalogue (decision 127): a change on another instance reaches this one within the catalogue's 5 s at most.
/// </summary>
public sealed class BookingWebhooks(IAppDbContext db, IScheduleSnapshotProvider catalogue, IAfterCommit afterCommit, IWebhookDispatcher dispatcher,
    TimeProvider clock)
{
    public async Task RaiseAsync(string eventType, Appointment appointment, string serviceName, string employeeName,
        BusinessSettingsSnapshot business, CancellationToken cancellationToken)
    {
        var wanted = (await catalogue.GetAsync(cancellationToken)).WebhookEndpointsWanting(eventType).ToList();
        if (wanted.Count == 0) return;

        var now = clock.GetUtcNow().UtcDateTime;
        var body = JsonSerializer.Serialize(
            new BookingWebhookPayload(eventType, now, BookingWebhookData.From(appointment, serviceName, employeeName, business)), BookingWebhookPayload.Json);
        var deliveries = wanted.Select(e => new WebhookDelivery(e.Id, eventType, NewMessageId(), body, now)).ToList();
        db.Set<WebhookDelivery>().AddRange(deliveries);
        // The ids exist once the unit of work has saved, which is before its commit.
        await afterCommit.RunAfterCommitAsync(() =>
        {
            dispatcher.Dispatch(deliveries.Select(d => d.Id).ToList());
            return Task.CompletedTask;
        });
    }

    /// <summary>Standard Webhooks message id: unique per message, the same on every retry.</summary>
    private static string NewMessageId() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
