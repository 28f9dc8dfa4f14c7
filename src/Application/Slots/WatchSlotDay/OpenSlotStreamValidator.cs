using FluentValidation;

namespace AppointEase.Application.Slots.WatchSlotDay;

public sealed class OpenSlotStreamValidator : AbstractValidator<OpenSlotStreamQuery>
{
    public OpenSlotStreamValidator()
    {
        RuleFor(q => q.Date).ValidDate();
        RuleFor(q => q.EmployeeId).ValidEmployeeId();
        RuleFor(q => q.ClientId).ValidClientId();
    }
}
