using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Outermost: logs an unexpected exception once, with the message type, before WebApi turns it into a problem.
/// Expected outcomes never get here as exceptions (they are <c>Result</c> errors: a lost race, a 409, a replay), and
/// a validation failure or a cancelled request is not a fault, so none of those is logged above Debug.
/// </summary>
public sealed class UnhandledExceptionBehavior<TMessage, TResponse>(ILogger<UnhandledExceptionBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    /// <summary>Set in <see cref="Exception.Data"/> once logged, so the WebApi exception handler does not log it again.</summary>
    public const string LoggedKey = "AppointEase.Logged";

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not ValidationException and not OperationCanceledException && !ex.Data.Contains(LoggedKey))
        {
            logger.LogError(ex, "Unhandled exception for {MessageType}", typeof(TMessage).Name);
            ex.Data[LoggedKey] = true;
            throw;
        }
    }
}
