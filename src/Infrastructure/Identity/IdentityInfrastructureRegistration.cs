using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Identity;

internal static class IdentityInfrastructureRegistration
{
    /// <summary>
    /// Purgers for codes, sessions and counters, and the rate limiter: Redis with SQL fallback when
    /// ConnectionStrings:Redis is set (RedisConnection registered), SQL alone otherwise.
    /// </summary>
    public static IServiceCollection AddIdentityAndRateLimiting(this IServiceCollection services)
    {
        services.AddScoped<IExpiredDataPurger, OtpChallengePurger>();
        services.AddScoped<IExpiredDataPurger, CustomerSessionPurger>();
        services.AddScoped<IExpiredDataPurger, RateLimitCounterPurger>();

        services.AddSingleton<SqlRateLimiter>();
        services.AddSingleton<IRateLimiter>(sp =>
        {
            var sql = sp.GetRequiredService<SqlRateLimiter>();
            var redis = sp.GetService<RedisConnection>();
            if (redis is null) return sql;
            var clock = sp.GetRequiredService<TimeProvider>();
            return new FailoverRateLimiter(new RedisRateLimiter(redis, clock), sql, sp.GetRequiredService<IStoreStatus>(),
                sp.GetRequiredService<Application.Common.Telemetry.AppointEaseMetrics>(), clock,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FailoverRateLimiter>>());
        });
        return services;
    }
}
