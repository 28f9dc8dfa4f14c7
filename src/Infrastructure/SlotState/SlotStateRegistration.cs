using AppointEase.Infrastructure.Options;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.BookingsCache;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.SlotState;

internal static class SlotStateRegistration
{
    /// <summary>
    /// With ConnectionStrings:Redis set: the failover store (Redis, SQL when Redis fails) plus its health monitor, and the
    /// day-bookings cache in Redis (a miss while the instance serves from SQL). Without: the SQL store alone, no cache.
    /// </summary>
    internal static IServiceCollection AddSlotState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlotStateOptions>().Bind(configuration.GetSection(SlotStateOptions.Section)).ValidateDataAnnotationsByKey(SlotStateOptions.Section).ValidateOnStart();
        var redisConfigured = !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
        services.AddSingleton<SqlSlotStateStore>();
        services.AddSingleton(sp => new SlotStoreState(redisConfigured,
            sp.GetRequiredService<AppointEase.Application.Common.Telemetry.AppointEaseMetrics>(), sp.GetRequiredService<ILogger<SlotStoreState>>()));
        services.AddSingleton<IStoreStatus>(sp => sp.GetRequiredService<SlotStoreState>());
        services.AddHealthChecks().AddCheck<SlotStateHealthCheck>("slotState", tags: ["ready"]);

        if (!redisConfigured)
        {
            services.AddSingleton<ISlotStateStore>(sp => sp.GetRequiredService<SqlSlotStateStore>());
            services.AddSingleton<IDayBookingsCache, NoDayBookingsCache>();
            services.AddSingleton<ISlotChangeNotifier, NoCacheSlotChangeNotifier>();
            services.AddSingleton<ISlotFailbackSync, NoRedisFailbackSync>();
            services.AddSingleton<ISlotChangeFeed, NoSlotChangeFeed>();
            return services;
        }

        services.AddSingleton<RedisSlotStateStore>();
        services.AddSingleton<FailoverSlotStateStore>();
        services.AddSingleton<ISlotStateStore>(sp => sp.GetRequiredService<FailoverSlotStateStore>());
        services.AddSingleton<IDayBookingsCache, RedisDayBookingsCache>();
        services.AddSingleton<ISlotChangeNotifier, RedisSlotChangeNotifier>();
        services.AddSingleton<RedisFailbackSync>();
        services.AddSingleton<ISlotFailbackSync>(sp => sp.GetRequiredService<RedisFailbackSync>());
        services.AddSingleton<RedisHealthMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisHealthMonitor>());
        services.AddSingleton<RedisSlotChangeFeed>();
        services.AddSingleton<ISlotChangeFeed>(sp => sp.GetRequiredService<RedisSlotChangeFeed>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisSlotChangeFeed>());
        return services;
    }
}
