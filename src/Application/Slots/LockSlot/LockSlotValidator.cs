using FluentValidation;

namespace AppointEase.Application.Slots.LockSlot;

public sealed class LockSlotValidator : AbstractValidator<LockSlotCommand>
{
    public LockSlotValidator()
    {
        RuleFor(c => c.Date).ValidDate();
        RuleFor(c => c.EmployeeId).ValidEmployeeId();
        RuleFor(c => c.Time).ValidTime();
        RuleFor(c => c.ClientId).ValidClientId();
    }
}
