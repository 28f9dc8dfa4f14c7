using AppointEase.Application.Common.Results;
using AppointEase.Application.Slots.WatchSlotDay;
using AppointEase.Domain.Slots;
using AppointEase.WebApi.Infrastructure;
using AppointEase.WebApi.Infrastructure.SlotStreams;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Endpoints;

/// <summary>The live slot stream: the heartbeat's picture of a day, pushed as Server-Sent Events (decisions 121–123).</summary>
public static class SlotStream
{
    public static void MapSlotStream(this RouteGroupBuilder slots) =>
        slots.MapGet("/stream", Stream)
            .RequireRateLimit(RateLimitNames.StreamsPerIp, RateLimitSubjects.ClientIp)
            .RequireRateLimit(RateLimitNames.StreamsPerClient, ClientIdOfQuery)
            .Produces<string>(StatusCodes.Status200OK, SlotStreamResponse.ContentType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    [EndpointSummary("Live events of one day (Server-Sent Events): others' selections and locks, bookings")]
    [EndpointDescription(
        "GET /api/v1/slots/stream?date=YYYY-MM-DD&employeeId=…&clientId=… (text/event-stream; clientId is a query parameter because " +
        "EventSource cannot send headers). First a retry: hint, then event snapshot (data: the heartbeat's body), then events " +
        "selected, deselected, locked, released, expired, booked, cancelled (data {time, hold?}; hold is selection or lock on expired) " +
        "and store-mode (data {storageMode, redisStatus}, followed by a fresh snapshot). The caller's own selection and lock are left " +
        "out, as in the heartbeat. Every event has an id; reconnecting with Last-Event-ID (header, or lastEventId query parameter) " +
        "replays what was missed, or sends a fresh snapshot when the id is unknown or too old. A ': keep-alive' comment every 15 s. " +
        "The server ends a stream with event closing (data {reason}: shutdown or overflow). 404 unknown employee; 422 bad input; " +
        "429 (code rate_limited, Retry-After) over RateLimits:StreamsPerIp or StreamsPerClient; 503 (code too_many_streams, " +
        "Retry-After) when the instance serves SlotStreams:MaxStreams streams: use the heartbeat meanwhile.")]
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Stream(
        string? date, int employeeId, string? clientId, string? lastEventId, HttpContext http, IMediator mediator, SlotDayHubs hubs,
        IOptions<SlotStreamOptions> options, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, TimeProvider clock,
        CancellationToken ct)
    {
        var opened = await mediator.Send(new OpenSlotStreamQuery(date, employeeId, clientId), ct);
        if (!opened.IsSuccess) return opened.Error.ToProblem();
        if (!hubs.TryReserve())
            return new Error(ErrorKind.Unavailable, "too_many_streams",
                "This instance serves as many live streams as it may; poll the heartbeat and try again later.")
            { RetryAfter = TimeSpan.FromSeconds(options.Value.RetryAfterSeconds) }.ToProblem();
        try
        {
            var resumeFrom = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
            await new SlotStreamResponse(http, options.Value, json.Value.SerializerOptions, clock)
                .ServeAsync(hubs, opened.Value, resumeFrom, lifetime.ApplicationStopping);
        }
        finally
        {
            hubs.Return();
        }
        return TypedResults.Empty;
    }

    /// <summary>The widget's client id, counted only when well-formed (validation refuses the rest).</summary>
    private static string? ClientIdOfQuery(EndpointFilterInvocationContext context) =>
        context.HttpContext.Request.Query["clientId"].FirstOrDefault() is { } value && ClientId.IsValid(value) ? value : null;
}
