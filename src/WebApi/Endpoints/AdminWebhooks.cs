using AppointEase.Application.Admin.Webhooks;
using AppointEase.Application.Common.Results;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminWebhooks
{
    private static readonly DateTime ExampleTime = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);
    private static readonly string[] AllEvents = ["booking.cancelled", "booking.created", "booking.rescheduled"];
    private static readonly WebhookEndpointDto Example = new(4, "https://crm.example.com/hooks/appointease", AllEvents, true, ExampleTime, null);
    private static readonly WebhookSecretDto SecretExample = new(4, Example.Url, AllEvents, true, ExampleTime, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    public static void MapAdminWebhookEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/webhooks").WithTags("Admin: webhooks");
        group.MapGet("", List).WithExamples(response: new[] { Example });
        group.MapPost("", Register).WithExamples(new WebhookRequest(Example.Url, ["booking.created", "booking.cancelled"], true), SecretExample);
        group.MapDelete("/{id}", Delete);
        group.MapPost("/{id}/rotate-secret", RotateSecret).WithExamples(response: SecretExample);
        group.MapGet("/{id}/deliveries", Deliveries);
        group.MapPost("/{id}/deliveries/{deliveryId}/redeliver", Redeliver);
    }

    [EndpointSummary("List webhook endpoints")]
    [EndpointDescription("Every registered endpoint with its events and state (secrets are never listed). disabledAt is set when deliveries " +
                         "to it failed for the whole retry schedule; register it again once the receiver works.")]
    public static async Task<Ok<IReadOnlyList<WebhookEndpointDto>>> List(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListWebhooksQuery(), ct));

    [EndpointSummary("Register a webhook endpoint")]
    [EndpointDescription("url: absolute http(s); loopback, private and link-local targets are refused (422 webhook_target_refused) unless " +
                         "Webhooks:AllowPrivateTargets. events: any of booking.created, booking.rescheduled, booking.cancelled (all when left out). " +
                         "The answer carries the signing secret (whsec_…) this once: deliveries are signed with it per Standard Webhooks.")]
    public static async Task<Results<Created<WebhookSecretDto>, ProblemHttpResult>> Register(WebhookRequest body, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RegisterWebhookCommand(body.Url, body.Events, body.Active), ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/admin/webhooks/{result.Value.Id}", result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Remove a webhook endpoint")]
    [EndpointDescription("Stops its deliveries at once and removes them and their log. 204 on success.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new DeleteWebhookCommand(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    [EndpointSummary("Replace a webhook endpoint's signing secret")]
    [EndpointDescription("The new secret is shown this once; every delivery from now on is signed with it.")]
    public static async Task<Results<Ok<WebhookSecretDto>, ProblemHttpResult>> RotateSecret(int id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RotateWebhookSecretCommand(id), ct)).ToOk();

    [EndpointSummary("A webhook endpoint's delivery log")]
    [EndpointDescription("Newest deliveries first (limit 1–500, default 50), each with its webhook-id, state and every attempt: status code " +
                         "(null when no answer came), duration, error and the start of the receiver's answer.")]
    public static async Task<Results<Ok<IReadOnlyList<WebhookDeliveryDto>>, ProblemHttpResult>> Deliveries(int id, int? limit, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new ListWebhookDeliveriesQuery(id, limit), ct)).ToOk();

    [EndpointSummary("Send a delivery again")]
    [EndpointDescription("Restarts the delivery's attempts now with the same webhook-id and body (receivers deduplicate by webhook-id).")]
    public static async Task<Results<Ok<WebhookDeliveryDto>, ProblemHttpResult>> Redeliver(int id, int deliveryId, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new RedeliverWebhookCommand(id, deliveryId), ct)).ToOk();

    private static Results<Ok<T>, ProblemHttpResult> ToOk<T>(this Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
}
