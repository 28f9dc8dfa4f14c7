using AppointEase.Application.Common.Interfaces;
using Mediator;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Innermost: wraps commands marked <see cref="ITransactionalCommand"/> in one database transaction. The constraint
/// keeps it out of every other message's pipeline, so a query (the heartbeat) never builds the unit of work and
/// with it a DbContext it does not use.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ITransactionalCommand
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        new(unitOfWork.InTransactionAsync(ct => next(message, ct).AsTask(), cancellationToken));
}
