using System.Security.Cryptography;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Webhooks;

/// <summary>
/// Writes one delivery row per subscribed endpoint into the current unit of work, so the webhook exists exactly when the
/// booking change it reports was committed (the outbox). Sending starts after the commit.
/// </summary>
public sealed class BookingWebhooks(IAppDbContext db, IAfterCommit afterCommit, IWebhookDispatcher dispatcher, TimeProvider clock)
{
    public async Task RaiseAsync(string eventType, Appointment appointment, string serviceName, string employeeName,
        BusinessSettingsSnapshot business, CancellationToken cancellationToken)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);
        var wanted = endpoints.Where(e => e.Wants(eventType)).ToList();
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
