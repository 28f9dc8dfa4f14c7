using FluentValidation;

namespace AppointEase.Application.Identity.RequestOtp;

public sealed class RequestOtpValidator : AbstractValidator<RequestOtpCommand>
{
    public RequestOtpValidator() => RuleFor(c => c.Email).ValidAuthEmail().OverridePropertyName("email");
}
