using FluentValidation;

namespace AppointEase.Application.Catalogue.ListEmployees;

public sealed class ListEmployeesValidator : AbstractValidator<ListEmployeesQuery>
{
    public ListEmployeesValidator() =>
        RuleFor(q => q.ServiceId).GreaterThan(0).When(q => q.ServiceId is not null).OverridePropertyName("serviceId");
}
