using AppointEase.Infrastructure.Options;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Jobs.Cleanup;
using AppointEase.Infrastructure.Jobs.Failback;
using AppointEase.Infrastructure.Jobs.Outbox;
using AppointEase.Infrastructure.Jobs.Purges;
using AppointEase.Infrastructure.Jobs.Reminders;
using AppointEase.Infrastructure.Jobs.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs;

internal static class JobsRegistration
{
    /// <summary>
    /// Hangfire without its static globals where it matters: the storage, job activator and filter provider are this
    /// host's own singletons (registered before AddHangfire, whose TryAdd keeps them), so two hosts in one process never
    /// run each other's jobs. The Hangfire server itself is started by <see cref="JobServerHost"/>, not AddHangfireServer.
    /// </summary>
    internal static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var jobsConnectionString = configuration.GetConnectionString("Jobs");
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotationsByKey(JobsOptions.Section)
            .Validate(o => o.Storage != JobStorageKind.Redis || !string.IsNullOrWhiteSpace(jobsConnectionString),
                "ConnectionStrings:Jobs is required when Jobs:Storage is Redis.")
            .ValidateOnStart();

        services.AddSingleton(new JobsConnectionString(jobsConnectionString));
        services.AddSingleton<JobStorageFactory>();
        services.AddSingleton<JobStorage>(sp => sp.GetRequiredService<JobStorageFactory>().Storage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobFailureLoggingFilter>();
        services.AddSingleton<JobMetricsFilter>();
        services.AddSingleton<IJobFilterProvider, HostJobFilterProvider>();
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HostSafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.AddSingleton<RecurringJobsRegistrar>();
        services.AddSingleton<JobServerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServerHost>());
        services.AddHealthChecks().AddCheck<JobStorageHealthCheck>("jobs", tags: ["ready"]);

        services.AddScoped<ExpiredSlotStatePurger>();
        services.AddScoped<IExpiredDataPurger, SentEmailPurger>();
        services.AddScoped<DeadLetterReporter>();
        services.AddScoped<ExpiredSlotStateCleanupJob>();
        services.AddScoped<ExpiredDataPurgeJob>();
        services.AddScoped<EmailOutboxJob>();
        services.AddScoped<EmailDeadLetterJob>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<FailbackSafetyNetJob>();
        services.AddScoped<RedisDayIndexPruneJob>();
        return services;
    }
}
