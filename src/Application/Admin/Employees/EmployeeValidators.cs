using AppointEase.Domain.Catalogue;
using FluentValidation;

namespace AppointEase.Application.Admin.Employees;

public sealed class CreateEmployeeValidator : AbstractValidator<CreateEmployeeCommand>
{
    public CreateEmployeeValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Employee.MaxNameLength).OverridePropertyName("name");
        RuleFor(c => c.ServiceIds).Must(ids => ids!.Count <= SetEmployeeServicesValidator.MaxServices).When(c => c.ServiceIds is not null)
            .WithMessage($"At most {SetEmployeeServicesValidator.MaxServices} services.").OverridePropertyName("serviceIds");
        RuleForEach(c => c.ServiceIds).GreaterThan(0).OverridePropertyName("serviceIds");
    }
}

public sealed class UpdateEmployeeValidator : AbstractValidator<UpdateEmployeeCommand>
{
    public UpdateEmployeeValidator() =>
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Employee.MaxNameLength).OverridePropertyName("name");
}

public sealed class SetEmployeeServicesValidator : AbstractValidator<SetEmployeeServicesCommand>
{
    public const int MaxServices = 200;

    public SetEmployeeServicesValidator()
    {
        RuleFor(c => c.ServiceIds).Cascade(CascadeMode.Stop).NotNull().Must(ids => ids!.Count <= MaxServices).WithMessage($"At most {MaxServices} services.")
            .OverridePropertyName("serviceIds");
        RuleForEach(c => c.ServiceIds).GreaterThan(0).OverridePropertyName("serviceIds");
    }
}
