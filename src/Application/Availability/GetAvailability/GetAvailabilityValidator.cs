using AppointEase.Application.Common;
using FluentValidation;

namespace AppointEase.Application.Availability.GetAvailability;

public sealed class GetAvailabilityValidator : AbstractValidator<GetAvailabilityQuery>
{
    public GetAvailabilityValidator()
    {
        RuleFor(q => q.EmployeeId).GreaterThan(0).OverridePropertyName("employeeId");
        RuleFor(q => q.ServiceId).GreaterThan(0).OverridePropertyName("serviceId");

        When(q => q.Date is not null, () =>
        {
            RuleFor(q => q.Date).Must(Formats.IsDate).WithMessage("date must be a real date in the form YYYY-MM-DD.").OverridePropertyName("date");
            RuleFor(q => q.From).Null().WithMessage("Use either date or from/to, not both.").OverridePropertyName("from");
            RuleFor(q => q.To).Null().WithMessage("Use either date or from/to, not both.").OverridePropertyName("to");
        }).Otherwise(() =>
        {
            RuleFor(q => q.From).NotEmpty().WithMessage("Give date, or both from and to.")
                .Must(Formats.IsDate).WithMessage("from must be a real date in the form YYYY-MM-DD.").OverridePropertyName("from");
            RuleFor(q => q.To).NotEmpty().WithMessage("Give date, or both from and to.")
                .Must(Formats.IsDate).WithMessage("to must be a real date in the form YYYY-MM-DD.").OverridePropertyName("to");
            RuleFor(q => q)
                .Must(q => Formats.ParseDate(q.From!) <= Formats.ParseDate(q.To!)).WithMessage("from must not be after to.")
                .OverridePropertyName("from")
                .When(q => Formats.IsDate(q.From) && Formats.IsDate(q.To));
            RuleFor(q => q)
                .Must(q => Formats.ParseDate(q.To!).DayNumber - Formats.ParseDate(q.From!).DayNumber < GetAvailabilityQuery.MaxRangeDays)
                .WithMessage($"A range covers at most {GetAvailabilityQuery.MaxRangeDays} days.")
                .OverridePropertyName("to")
                .When(q => Formats.IsDate(q.From) && Formats.IsDate(q.To));
        });
    }
}
