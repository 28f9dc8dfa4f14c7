using FluentValidation;
using Mediator;

namespace AppointEase.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the message; failures become one 422 with errors by field. The validators
/// run synchronously: none has an asynchronous rule (<c>ValidatorNullSafetyTests</c> inspects every validator), and
/// the async path cost every request — the heartbeat above all — a chain of state machines and tasks (decision 143).
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FluentValidation.Results.ValidationFailure>? failures = null;
        foreach (var validator in validators)
        {
            var result = validator.Validate(message);
            if (!result.IsValid) (failures ??= []).AddRange(result.Errors);
        }
        if (failures is not null)
            throw new ValidationException(failures);
        return next(message, cancellationToken);
    }
}
