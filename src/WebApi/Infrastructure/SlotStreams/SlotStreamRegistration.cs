using AppointEase.Infrastructure.Options;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

internal static class SlotStreamRegistration
{
    public static IServiceCollection AddSlotStreams(this IServiceCollection services)
    {
        services.AddOptions<SlotStreamOptions>().BindConfiguration(SlotStreamOptions.Section)
            .ValidateDataAnnotationsByKey(SlotStreamOptions.Section).ValidateOnStart();
        services.AddSingleton<SlotDayHubs>();
        return services;
    }
}
