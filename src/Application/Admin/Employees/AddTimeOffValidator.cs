using AppointEase.Application.Common;
using FluentValidation;

namespace AppointEase.Application.Admin.Employees;

public sealed class AddTimeOffValidator : AbstractValidator<AddTimeOffCommand>
{
    public const int MaxDays = 366;
    public const int MaxReasonLength = 200;

    public AddTimeOffValidator()
    {
        RuleFor(c => c.From).Must(Formats.IsDate).WithMessage("From must be a date yyyy-MM-dd.").OverridePropertyName("from");
        RuleFor(c => c.To).Cascade(CascadeMode.Stop).Must(Formats.IsDate).WithMessage("To must be a date yyyy-MM-dd.")
            .Must((c, to) => !Formats.IsDate(c.From) || Formats.ParseDate(to!) >= Formats.ParseDate(c.From!))
            .WithMessage("To must be on or after from.")
            .Must((c, to) => !Formats.IsDate(c.From) || Formats.ParseDate(to!).DayNumber - Formats.ParseDate(c.From!).DayNumber < MaxDays)
            .WithMessage($"Time off spans at most {MaxDays} days; add several entries for longer.")
            .OverridePropertyName("to");
        RuleFor(c => c.Reason).MaximumLength(MaxReasonLength).OverridePropertyName("reason");
    }
}
