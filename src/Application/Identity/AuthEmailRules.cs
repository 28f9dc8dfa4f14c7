using AppointEase.Domain.Common;
using FluentValidation;

namespace AppointEase.Application.Identity;

internal static class AuthEmailRules
{
    /// <summary>
    /// A plausible address in ASCII. Non-ASCII addresses need SMTPUTF8 end to end, which we cannot promise, so they are
    /// refused here (422) rather than accepted and silently never delivered.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidAuthEmail<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop).NotEmpty().WithMessage("email is required.")
            .MaximumLength(EmailAddress.MaxLength).WithMessage($"email is at most {EmailAddress.MaxLength} characters.")
            .Must(e => e is null || e.All(char.IsAscii)).WithMessage("email must be written in ASCII (use the punycode form of an international domain).")
            .Must(EmailAddress.IsValid).WithMessage("email is not a valid email address.");
}
