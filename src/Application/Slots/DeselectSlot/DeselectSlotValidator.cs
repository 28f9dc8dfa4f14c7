using FluentValidation;

namespace AppointEase.Application.Slots.DeselectSlot;

public sealed class DeselectSlotValidator : AbstractValidator<DeselectSlotCommand>
{
    public DeselectSlotValidator()
    {
        RuleFor(c => c.Date).ValidDate();
        RuleFor(c => c.EmployeeId).ValidEmployeeId();
        RuleFor(c => c.Time).ValidTime();
        RuleFor(c => c.ClientId).ValidClientId();
    }
}
