using AppointEase.Application.Common.Interfaces;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Outermost: logs an unexpected exception once, with the message type, before WebApi turns it into a problem.
/// Expected outcomes never get here as exceptions (they are <c>Result</c> errors: a lost race, a 409, a replay), and
/// a validation failure or a cancelled request is not a fault, so none of those is logged above Debug. A database
/// outage fails every request until it is over: <see cref="IFaultLogGate"/> lets one Error per outage window through
/// and counts the rest into it.
/// </summary>
public sealed class UnhandledExceptionBehavior<TMessage, TResponse>(ILogger<UnhandledExceptionBehavior<TMessage, TResponse>> logger, IFaultLogGate gate)
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
            Log(logger, gate.Admit(ex), ex, typeof(TMessage).Name);
            ex.Data[LoggedKey] = true;
            throw;
        }
    }

    /// <summary>Shared with WebApi's exception handler, so a fault outside the pipeline follows the same rule.</summary>
    public static void Log(ILogger logger, FaultLogDecision decision, Exception exception, string operation)
    {
        if (decision.Fault == DataFault.Other)
            logger.LogError(exception, "Unhandled exception for {MessageType}", operation);
        else if (decision.Log)
            logger.LogError(exception, "Database {Fault} for {MessageType}; {NotLogged} failures like it since the previous one were logged at Debug only",
                decision.Fault, operation, decision.NotLoggedBefore);
        else
            logger.LogDebug(exception, "Database {Fault} for {MessageType} (logged at Error at most once per window)", decision.Fault, operation);
    }
}
