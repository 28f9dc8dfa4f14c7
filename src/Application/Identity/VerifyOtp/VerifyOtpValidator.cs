using AppointEase.Domain.Identity;
using FluentValidation;

namespace AppointEase.Application.Identity.VerifyOtp;

public sealed class VerifyOtpValidator : AbstractValidator<VerifyOtpCommand>
{
    public VerifyOtpValidator()
    {
        RuleFor(c => c.Email).ValidAuthEmail().OverridePropertyName("email");
        // [0-9], not \d: \d also matches other scripts' digits (e.g. full-width ４), which would never match a code.
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("code is required.")
            .Must(c => c is { Length: OtpChallenge.CodeDigits } && c.All(char.IsAsciiDigit))
            .WithMessage($"code is the {OtpChallenge.CodeDigits}-digit number from the email.")
            .OverridePropertyName("code");
    }
}
