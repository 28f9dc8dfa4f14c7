using AppointEase.Application.Common;
using AppointEase.Domain.Catalogue;
using FluentValidation;

namespace AppointEase.Application.Admin.Closures;

public sealed class AddClosureValidator : AbstractValidator<AddClosureCommand>
{
    public AddClosureValidator()
    {
        RuleFor(c => c.Date).Must(Formats.IsDate).WithMessage("Date must be a date yyyy-MM-dd.").OverridePropertyName("date");
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(Closure.MaxReasonLength).OverridePropertyName("reason");
    }
}

public sealed class ListClosuresValidator : AbstractValidator<ListClosuresQuery>
{
    public ListClosuresValidator()
    {
        RuleFor(q => q.From).Must(Formats.IsDate).When(q => q.From is not null).WithMessage("From must be a date yyyy-MM-dd.").OverridePropertyName("from");
        RuleFor(q => q.To).Must(Formats.IsDate).When(q => q.To is not null).WithMessage("To must be a date yyyy-MM-dd.").OverridePropertyName("to");
    }
}
