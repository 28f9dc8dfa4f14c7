using FluentValidation;

namespace AppointEase.Application.Slots.ReleaseLock;

public sealed class ReleaseLockValidator : AbstractValidator<ReleaseLockCommand>
{
    public ReleaseLockValidator() => RuleFor(c => c.ClientId).ValidClientId();
}
