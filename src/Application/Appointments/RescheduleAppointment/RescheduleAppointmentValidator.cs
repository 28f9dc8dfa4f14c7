using AppointEase.Application.Common;
using AppointEase.Domain.Slots;
using FluentValidation;

namespace AppointEase.Application.Appointments.RescheduleAppointment;

public sealed class RescheduleAppointmentValidator : AbstractValidator<RescheduleAppointmentCommand>
{
    public RescheduleAppointmentValidator()
    {
        RuleFor(c => c.Date).Must(Formats.IsDate).WithMessage("date must be a real date in the form YYYY-MM-DD.").OverridePropertyName("date");
        RuleFor(c => c.Time).Must(Formats.IsTime).WithMessage("time must be HH:mm in the business time zone.").OverridePropertyName("time");
        RuleFor(c => c.LockToken).NotEmpty().WithMessage("Lock the new slot first and send its lockToken.").MaximumLength(200).OverridePropertyName("lockToken");
        RuleFor(c => c.ClientId).Must(ClientId.IsValid).WithMessage("clientId (the id that took the lock) is 8–64 characters of A-Z, a-z, 0-9, _ and -.")
            .OverridePropertyName("clientId");
        RuleFor(c => c.EmployeeId).GreaterThan(0).When(c => c.EmployeeId is not null).OverridePropertyName("employeeId");
    }
}
