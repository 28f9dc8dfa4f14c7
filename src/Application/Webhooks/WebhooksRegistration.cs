using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application.Webhooks;

internal static class WebhooksRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services) => services.AddScoped<BookingWebhooks>();
}
