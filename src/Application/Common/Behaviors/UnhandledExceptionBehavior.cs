using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>Outermost: logs any unexpected exception with the message type before WebApi turns it into a problem.</summary>
public sealed class UnhandledExceptionBehavior<TMessage, TResponse>(ILogger<UnhandledExceptionBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not ValidationException and not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled exception for {MessageType}", typeof(TMessage).Name);
            throw;
        }
    }
}
