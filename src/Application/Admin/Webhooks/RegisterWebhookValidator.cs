using AppointEase.Domain.Webhooks;
using FluentValidation;

namespace AppointEase.Application.Admin.Webhooks;

public sealed class RegisterWebhookValidator : AbstractValidator<RegisterWebhookCommand>
{
    public RegisterWebhookValidator()
    {
        RuleFor(c => c.Url).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("url is required.")
            .MaximumLength(WebhookEndpoint.MaxUrlLength)
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0)
            .WithMessage("url must be an absolute http(s) URL without credentials or fragment.")
            .OverridePropertyName("url");
        RuleFor(c => c.Events)
            .Must(e => e is null || e.All(t => t is not null && WebhookEventTypes.All.Contains(t)))
            .WithMessage($"events may only name {string.Join(", ", WebhookEventTypes.All)}.")
            .Must(e => e is null || e.Count <= WebhookEventTypes.All.Count * 2)
            .WithMessage("events names each event type once.")
            .OverridePropertyName("events");
    }
}
