using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using FluentValidation;

namespace AppointEase.Application.Appointments;

/// <summary>What a customer's details must look like; shared by every command that takes them.</summary>
public static class CustomerRules
{
    public static bool IsPlausiblePhone(string? phone) =>
        string.IsNullOrWhiteSpace(phone) || (phone.Trim().Length <= Appointment.MaxPhoneLength && phone.Trim().Count(char.IsAsciiDigit) >= 3
            && phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/'));

    /// <summary>Names are one line: control characters (newlines included) would only break emails and calendars.</summary>
    public static bool HasNoControlCharacters(string? text) => text is null || !text.Any(char.IsControl);

    /// <summary>Free text may span lines but carries no other control characters.</summary>
    public static bool IsCleanMultiline(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("An email address is required.")
            .Must(EmailAddress.IsValid).WithMessage("This is not a valid email address.");
}
