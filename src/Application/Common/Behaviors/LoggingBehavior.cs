using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>Logs each message's name and elapsed milliseconds; Debug level so the heartbeat does not flood logs.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        // Without Debug (production) there is nothing to time: no state machine for every request.
        logger.IsEnabled(LogLevel.Debug) ? TimedAsync(message, next, cancellationToken) : next(message, cancellationToken);

    private async ValueTask<TResponse> TimedAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            logger.LogDebug("Handled {MessageType} in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
