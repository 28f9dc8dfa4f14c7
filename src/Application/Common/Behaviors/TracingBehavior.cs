using System.Diagnostics;
using AppointEase.Application.Common.Telemetry;
using Mediator;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// One span per mediator request, named after the command or query (<c>LockSlotCommand</c>), so a trace reads
/// HTTP → request → SQL/Redis; and the request's duration on <c>appointease.requests.duration</c>. First in the
/// pipeline, so validation and the transaction are inside the span. An expected refusal (a <c>Result</c> error: 409, 404,
/// …) is not a span error; only exceptions mark the span failed.
/// </summary>
public sealed class TracingBehavior<TMessage, TResponse>(AppointEaseMetrics metrics) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // No listener (telemetry off, or tracing not sampled) → no Activity is built at all.
        using var activity = AppointEaseTelemetry.ActivitySource.StartActivity(RequestName, ActivityKind.Internal);
        activity?.SetTag("appointease.request", RequestName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity.AddException(ex);
            throw;
        }
        finally
        {
            metrics.RequestHandled(RequestName, Stopwatch.GetElapsedTime(started));
        }
    }
}
