using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Webhooks;
using AppointEase.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Webhooks;

/// <summary>A registered endpoint; the secret is only in <see cref="WebhookSecretDto"/>, answered at creation and rotation.</summary>
public sealed record WebhookEndpointDto(int Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt, DateTime? DisabledAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e) => new(e.Id, e.Url, e.Events, e.IsActive, e.CreatedUtc, e.DisabledUtc);
}

/// <summary>The endpoint with its signing secret, shown this once.</summary>
public sealed record WebhookSecretDto(int Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt, string Secret);

public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookEndpointDto>>;

/// <summary>Registers an endpoint for the given events (all booking events when none are named), active unless said otherwise.</summary>
public sealed record RegisterWebhookCommand(string? Url, IReadOnlyList<string>? Events, bool? Active) : ICommand<Result<WebhookSecretDto>>, ITransactionalCommand;

public sealed record DeleteWebhookCommand(int Id) : ICommand<Result<Done>>, ITransactionalCommand;

public sealed record RotateWebhookSecretCommand(int Id) : ICommand<Result<WebhookSecretDto>>, ITransactionalCommand;

internal static class WebhookErrors
{
    public static Error NotFound(int id) => Error.NotFound("webhook_not_found", $"No webhook endpoint with id {id}.");
}

public sealed class ListWebhooksHandler(IAppDbContext db) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookEndpointDto>>
{
    public async ValueTask<IReadOnlyList<WebhookEndpointDto>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        (await db.Set<WebhookEndpoint>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken)).Select(WebhookEndpointDto.From).ToList();
}

public sealed class RegisterWebhookHandler(IAppDbContext db, AdminAuditLog audit, IWebhookTargetPolicy targets, TimeProvider clock)
    : ICommandHandler<RegisterWebhookCommand, Result<WebhookSecretDto>>
{
    public async ValueTask<Result<WebhookSecretDto>> Handle(RegisterWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = new Uri(command.Url!, UriKind.Absolute);
        if (targets.RefusalFor(url) is { } refusal) return Error.Invalid("url", "webhook_target_refused", refusal);
        var events = command.Events is { Count: > 0 } named ? named : WebhookEventTypes.All;
        var endpoint = new WebhookEndpoint(url.AbsoluteUri, events, command.Active ?? true, WebhookSecrets.New(), clock.GetUtcNow().UtcDateTime);
        db.Set<WebhookEndpoint>().Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record("webhook.create", "webhook", endpoint.Id, null, WebhookEndpointDto.From(endpoint));
        return new WebhookSecretDto(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.IsActive, endpoint.CreatedUtc, endpoint.Secret);
    }
}

public sealed class DeleteWebhookHandler(IAppDbContext db, AdminAuditLog audit) : ICommandHandler<DeleteWebhookCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken);
        if (endpoint is null) return WebhookErrors.NotFound(command.Id);
        // Its deliveries and their log go with it (cascade): nothing is sent to a removed endpoint.
        db.Set<WebhookEndpoint>().Remove(endpoint);
        audit.Record("webhook.delete", "webhook", endpoint.Id, WebhookEndpointDto.From(endpoint), null);
        await db.SaveChangesAsync(cancellationToken);
        return new Done();
    }
}

public sealed class RotateWebhookSecretHandler(IAppDbContext db, AdminAuditLog audit) : ICommandHandler<RotateWebhookSecretCommand, Result<WebhookSecretDto>>
{
    public async ValueTask<Result<WebhookSecretDto>> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var endpoint = await db.Set<WebhookEndpoint>().FirstOrDefaultAsync(e => e.Id == command.Id, cancellationToken);
        if (endpoint is null) return WebhookErrors.NotFound(command.Id);
        endpoint.RotateSecret(WebhookSecrets.New());
        audit.Record("webhook.rotate-secret", "webhook", endpoint.Id, null, WebhookEndpointDto.From(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.IsActive, endpoint.CreatedUtc, endpoint.Secret);
    }
}
