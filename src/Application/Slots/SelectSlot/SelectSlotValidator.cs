using FluentValidation;

namespace AppointEase.Application.Slots.SelectSlot;

public sealed class SelectSlotValidator : AbstractValidator<SelectSlotCommand>
{
    public SelectSlotValidator()
    {
        RuleFor(c => c.Date).ValidDate();
        RuleFor(c => c.EmployeeId).ValidEmployeeId();
        RuleFor(c => c.Time).ValidTime();
        RuleFor(c => c.ClientId).ValidClientId();
    }
}
