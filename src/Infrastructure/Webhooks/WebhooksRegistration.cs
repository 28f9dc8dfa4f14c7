using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace AppointEase.Infrastructure.Webhooks;

internal static class WebhooksRegistration
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .ValidateDataAnnotationsByKey(WebhookOptions.Section).ValidateOnStart();
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<IWebhookTargetPolicy>(sp => sp.GetRequiredService<WebhookTargetGuard>());
        services.AddSingleton<IWebhookDispatcher, HangfireWebhookDispatcher>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddScoped<WebhookDeliveryJob>();
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A redirect would be a second, unchecked target; receivers must answer at the registered URL.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<WebhookTargetGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddResilienceHandler("webhook-timeout", (pipeline, context) =>
                pipeline.AddTimeout(TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds)));
        return services;
    }
}
