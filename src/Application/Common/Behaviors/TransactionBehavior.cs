using AppointEase.Application.Common.Interfaces;
using Mediator;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>Innermost: wraps commands marked <see cref="ITransactionalCommand"/> in one database transaction.</summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not ITransactionalCommand)
            return next(message, cancellationToken);
        return new ValueTask<TResponse>(unitOfWork.InTransactionAsync(ct => next(message, ct).AsTask(), cancellationToken));
    }
}
