using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Slots;
using AppointEase.Application.Slots.DeselectSlot;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.Slots.LockSlot;
using AppointEase.Application.Slots.ReleaseLock;
using AppointEase.Application.Slots.SelectSlot;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AppointEase.WebApi.Endpoints;

public static class Slots
{
    public static void MapSlotEndpoints(this RouteGroupBuilder api)
    {
        var slots = api.MapGroup("/slots").WithTags("Slots");
        slots.MapPost("/select", Select).RequireRateLimit(RateLimitNames.SlotsPerIp, RateLimitSubjects.ClientIp)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        slots.MapPost("/deselect", Deselect);
        slots.MapPost("/lock", Lock).RequireRateLimit(RateLimitNames.SlotsPerIp, RateLimitSubjects.ClientIp)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        slots.MapDelete("/lock/{lockToken}", Release);
        slots.MapSlotStream();
        api.MapPost("/heartbeat", Heartbeat).WithTags("Slots")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    [EndpointSummary("Mark a slot as looked at by this visitor")]
    [EndpointDescription("Body {date, employeeId, time, clientId}. Replaces the visitor's previous selection on that day and employee. " +
                         "200 {expiresInSeconds}; 409 when the slot is booked or locked by another visitor; 404 unknown employee; 422 bad input; " +
                         "429 (code rate_limited, Retry-After) over RateLimits:SlotsPerIp.")]
    public static async Task<Results<Ok<SelectionDto>, ProblemHttpResult>> Select(SelectSlotCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Drop this visitor's selection of a slot")]
    [EndpointDescription("Body {date, employeeId, time, clientId}. 204 whether or not there was a selection.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Deselect(DeselectSlotCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    [EndpointSummary("Hold a slot while the visitor checks out")]
    [EndpointDescription("Body {date, employeeId, time, clientId}. 200 {lockToken, expiresAt}; locking a slot you already hold returns " +
                         "the same token. 409 when booked or locked by another visitor. The token only works with the same clientId. " +
                         "429 with Retry-After: code too_many_holds when this clientId (Holds:PerClient) or this network (Holds:PerNetwork) " +
                         "already holds as many live locks as allowed, code rate_limited over RateLimits:SlotsPerIp.")]
    public static async Task<Results<Ok<SlotLockDto>, ProblemHttpResult>> Lock(LockSlotCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Release a slot lock")]
    [EndpointDescription("DELETE /api/v1/slots/lock/{lockToken}?clientId=… — 204 for the owner; 404 for anyone else, an unknown or expired token.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Release(string lockToken, string? clientId, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new ReleaseLockCommand(lockToken, clientId), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    [EndpointSummary("Live state of one day: others' selections and locks, booked starts")]
    [EndpointDescription("Body {date, employeeId, clientId, selectedTime?}. selectedTime refreshes the caller's selection. The caller's own " +
                         "selection and lock are left out. Sends an ETag (content without serverTime); If-None-Match with it gives 304. " +
                         "429 (problem+json, code rate_limited) with Retry-After seconds when one clientId beats more often than " +
                         "RateLimits:HeartbeatPerClient allows: wait at least that long, keeping the last snapshot. 404 unknown employee; 422 bad input.")]
    public static async Task<Results<PreSerializedJsonResult<HeartbeatSnapshot>, StatusCodeHttpResult, ProblemHttpResult>> Heartbeat(
        GetHeartbeatSnapshotQuery query, HttpContext http, IMediator mediator, HeartbeatBody body, AppointEaseMetrics metrics, CancellationToken ct)
    {
        var result = await mediator.Send(query, ct);
        if (!result.IsSuccess)
        {
            if (result.Error.Kind == ErrorKind.TooManyRequests)
            {
                metrics.Heartbeat(StatusCodes.Status429TooManyRequests);
                metrics.RateLimitRejected(RateLimitNames.StorageName(RateLimitNames.HeartbeatPerClient));
            }
            return result.Error.ToProblem();
        }
        // One serialization: the ETag is hashed from the very bytes that go out as the body (serverTime left out).
        var (json, etag) = body.Serialize(result.Value);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (ETags.NoneMatchHits(http.Request.Headers.IfNoneMatch, etag))
        {
            metrics.Heartbeat(StatusCodes.Status304NotModified);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        metrics.Heartbeat(StatusCodes.Status200OK);
        return new PreSerializedJsonResult<HeartbeatSnapshot>(json);
    }
}
