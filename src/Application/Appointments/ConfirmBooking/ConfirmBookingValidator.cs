using AppointEase.Application.Common;
using AppointEase.Domain.Appointments;
using FluentValidation;

namespace AppointEase.Application.Appointments.ConfirmBooking;

public sealed class ConfirmBookingValidator : AbstractValidator<ConfirmBookingCommand>
{
    public const int MaxIdempotencyKeyLength = 128;

    public ConfirmBookingValidator()
    {
        RuleFor(c => c.ServiceId).GreaterThan(0).OverridePropertyName("serviceId");
        RuleFor(c => c.EmployeeId).GreaterThan(0).OverridePropertyName("employeeId");
        RuleFor(c => c.Date).Must(Formats.IsDate).WithMessage("date must be a real date in the form YYYY-MM-DD.").OverridePropertyName("date");
        RuleFor(c => c.Time).Must(Formats.IsTime).WithMessage("time must be HH:mm in the business time zone.").OverridePropertyName("time");
        RuleFor(c => c.LockToken).MaximumLength(200).OverridePropertyName("lockToken");
        RuleFor(c => c.Customer).NotNull().WithMessage("customer {name, email} is required.").OverridePropertyName("customer");
        When(c => c.Customer is not null, () =>
        {
            // Stop at the first failure: the length and line checks below assume a name is there.
            RuleFor(c => c.Customer!.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A name is required.")
                .Must(n => n!.Trim().Length <= Appointment.MaxNameLength).WithMessage($"A name has at most {Appointment.MaxNameLength} characters.")
                .Must(CustomerRules.HasNoControlCharacters).WithMessage("A name must be a single line of text.")
                .Must(CustomerRules.IsNameWithoutLinks)
                .WithMessage($"A name has at most {CustomerRules.MaxNameLength} characters and no links, web or email addresses.")
                .OverridePropertyName("customer.name");
            RuleFor(c => c.Customer!.Email).ValidEmail().OverridePropertyName("customer.email");
            RuleFor(c => c.Customer!.Phone).Must(CustomerRules.IsPlausiblePhone)
                .WithMessage($"A phone number has digits and + - ( ) . / or spaces, at most {Appointment.MaxPhoneLength} characters.")
                .OverridePropertyName("customer.phone");
        });
        RuleFor(c => c.Notes)
            .Must(n => n is null || n.Trim().Length <= Appointment.MaxNotesLength).WithMessage($"Notes have at most {Appointment.MaxNotesLength} characters.")
            .Must(CustomerRules.IsCleanMultiline).WithMessage("Notes must be plain text.")
            .OverridePropertyName("notes");
        RuleFor(c => c.Locale)
            .Must(l => l is null || Appointment.Locales.Contains(l))
            .WithMessage($"locale must be one of {string.Join(", ", Appointment.Locales)} (or left out for {Appointment.DefaultLocale}).")
            .OverridePropertyName("locale");
        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (k.Length is > 0 and <= MaxIdempotencyKeyLength && k.All(ch => ch is >= '!' and <= '~')))
            .WithMessage($"Idempotency-Key must be 1–{MaxIdempotencyKeyLength} visible ASCII characters.")
            .OverridePropertyName("idempotencyKey");
    }
}
