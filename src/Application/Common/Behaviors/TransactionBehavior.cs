using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Innermost: the one unit of work of every command that writes SQL (marked <see cref="ITransactionalCommand"/>): one
/// transaction around the whole handler, re-run on a deadlock or transient fault, committed on success and rolled back
/// on a refusal. The constraint keeps it out of every other message's pipeline, so a query (the heartbeat) or a
/// Redis-only command never builds the unit of work and with it a DbContext it does not use.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ITransactionalCommand
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        new(unitOfWork.RunAsync(ct => next(message, ct).AsTask(), response => ShouldCommit(message, response), cancellationToken));

    private static bool ShouldCommit(TMessage message, TResponse response) => message is IDecidesCommit<TResponse> decides
        ? decides.ShouldCommit(response)
        : typeof(ICommitsRefusals).IsAssignableFrom(typeof(TMessage)) || response is not IResultStatus { IsSuccess: false };
}
