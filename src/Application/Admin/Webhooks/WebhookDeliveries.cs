using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Webhooks;

/// <summary>One HTTP attempt: the receiver's status (null when it never answered), how long it took, and what went wrong.</summary>
public sealed record WebhookAttemptDto(int Attempt, DateTime At, int? StatusCode, int DurationMs, string? Error, string? ResponseExcerpt);

/// <summary>One event sent (or being sent) to one endpoint; <see cref="MessageId"/> is its <c>webhook-id</c> on every attempt.</summary>
public sealed record WebhookDeliveryDto(int Id, string MessageId, string EventType, string Status, int Attempts, DateTime CreatedAt,
    DateTime? NextAttemptAt, DateTime? DeliveredAt, IReadOnlyList<WebhookAttemptDto> Log);

/// <summary>The newest deliveries of one endpoint (at most <c>limit</c>, default 50), newest first, each with its attempts.</summary>
public sealed record ListWebhookDeliveriesQuery(int Id, int? Limit) : IQuery<Result<IReadOnlyList<WebhookDeliveryDto>>>;

/// <summary>Sends a delivery again from its first attempt (same webhook-id), e.g. after the receiver was fixed.</summary>
public sealed record RedeliverWebhookCommand(int Id, int DeliveryId) : ICommand<Result<WebhookDeliveryDto>>, ITransactionalCommand;

public sealed class ListWebhookDeliveriesHandler(IAppDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Result<IReadOnlyList<WebhookDeliveryDto>>>
{
    public const int DefaultLimit = 50;

    public async ValueTask<Result<IReadOnlyList<WebhookDeliveryDto>>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == query.Id, cancellationToken)) return WebhookErrors.NotFound(query.Id);
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == query.Id)
            .OrderByDescending(d => d.Id).Take(Math.Clamp(query.Limit ?? DefaultLimit, 1, 500)).ToListAsync(cancellationToken);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Set<WebhookDeliveryAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => WebhookDeliveryMapping.ToDto(d, attempts[d.Id])).ToList();
    }
}

public sealed class RedeliverWebhookHandler(IAppDbContext db, IAfterCommit afterCommit, IWebhookDispatcher dispatcher, TimeProvider clock)
    : ICommandHandler<RedeliverWebhookCommand, Result<WebhookDeliveryDto>>
{
    public async ValueTask<Result<WebhookDeliveryDto>> Handle(RedeliverWebhookCommand command, CancellationToken cancellationToken)
    {
        var delivery = await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == command.DeliveryId && d.EndpointId == command.Id, cancellationToken);
        if (delivery is null) return Error.NotFound("webhook_delivery_not_found", $"No delivery {command.DeliveryId} for webhook endpoint {command.Id}.");
        delivery.Redeliver(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await afterCommit.RunAfterCommitAsync(() => { dispatcher.Dispatch([delivery.Id]); return Task.CompletedTask; });
        var attempts = await db.Set<WebhookDeliveryAttempt>().AsNoTracking().Where(a => a.DeliveryId == delivery.Id).ToListAsync(cancellationToken);
        return WebhookDeliveryMapping.ToDto(delivery, attempts);
    }
}

internal static class WebhookDeliveryMapping
{
    public static WebhookDeliveryDto ToDto(WebhookDelivery d, IEnumerable<WebhookDeliveryAttempt> attempts) => new(
        d.Id, d.MessageId, d.EventType, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.CreatedUtc,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptUtc : null, d.DeliveredUtc,
        attempts.OrderBy(a => a.Attempt).ThenBy(a => a.Id)
            .Select(a => new WebhookAttemptDto(a.Attempt, a.AttemptedUtc, a.StatusCode, a.DurationMs, a.Error, a.ResponseExcerpt)).ToList());
}
