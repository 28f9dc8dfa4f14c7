using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Bookings;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Health;
using AppointEase.Infrastructure.Jobs;
using AppointEase.Infrastructure.Identity;
using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.Seeding;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.Startup;
using AppointEase.Infrastructure.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddTimeProvider();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotationsByKey(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ConnectionStringValidator>();
        services.AddOptions<BusinessOptions>().Bind(configuration.GetSection(BusinessOptions.Section)).ValidateDataAnnotationsByKey(BusinessOptions.Section)
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Business:TimeZone must be an IANA time zone id.")
            .ValidateOnStart();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateDataAnnotationsByKey(EmailOptions.Section)
            .Validate(o => o.Mode != EmailMode.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Email:Smtp:Host is required when Email:Mode is Smtp.")
            .Validate<IHostEnvironment>((o, environment) => !o.UsesPickupDirectory || o.Mode == EmailMode.Pickup
                    || environment.IsDevelopment() || environment.IsEnvironment("Testing"),
                "Email:Smtp:Host is required outside Development (booking mail carries manage links and must be delivered); set Email:Mode=Pickup to write mail to Email:PickupDirectory on purpose.")
            .ValidateOnStart();

        services.AddPersistence(configuration);
        services.AddSingleton<DatabaseStartup>();
        services.AddSingleton<IFaultLogGate, Faults.OutageFaultLogGate>();
        services.AddEmail(configuration);
        services.AddRedis(configuration);
        services.AddSlotState(configuration);
        services.AddBookings();
        services.AddJobs(configuration);
        services.AddWebhookDelivery(configuration);
        services.AddIdentityAndRateLimiting();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Pooled contexts (decision 068): every request resolves one (the heartbeat through its handler's dependencies,
    /// even when it runs no SQL), and building a context per DI scope (options from the connection string, option
    /// extensions cloned for the provider cache, a new context id) cost more CPU than the heartbeat's own work
    /// (docs/decisions/068-pooled-dbcontexts.md). Pooling builds the options once and reuses reset contexts. The pool keeps at most
    /// this many idle contexts; more concurrent requests simply construct extra ones. Tests that add to the options
    /// use <c>ConfigureDbContext(..., ServiceLifetime.Singleton)</c>, the lifetime of pooled options.
    /// </summary>
    private const int DbContextPoolSize = 128;

    private const int SqliteLockWaitSeconds = 15;

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.MySql)
        {
            services.AddDbContextPool<AppDbContext, MySqlAppDbContext>((sp, options) =>
            {
                var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                options.UseMySql(MySqlConnectionStrings.ForEfCore(RequiredConnectionString(configuration), db.ConnectTimeoutSeconds, db.CommandTimeoutSeconds),
                    ServerVersion.Parse(db.ServerVersion), mysql => mysql.CommandTimeout(db.CommandTimeoutSeconds));
                options.AddInterceptors(sp.GetRequiredService<CatalogueChangeInterceptor>(), new DeadConnectionCommandInterceptor(),
                    new DeadConnectionOpenInterceptor(), new FrozenServerProbeInterceptor(db.CommandTimeoutSeconds));
                options.ConfigureWarnings(QuietExpectedFailures);
            }, DbContextPoolSize);
        }
        else
        {
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, options) =>
            {
                var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                var environment = sp.GetRequiredService<IHostEnvironment>();
                // SQLite's command timeout is how long a write waits for the file lock held by another writer, not for a
                // server that may be frozen: the short MySQL default would turn ordinary contention into 503s.
                options.UseSqlite(SqliteConnectionString(configuration, environment),
                    sqlite => sqlite.CommandTimeout(Math.Max(db.CommandTimeoutSeconds, SqliteLockWaitSeconds)));
                options.AddInterceptors(sp.GetRequiredService<CatalogueChangeInterceptor>());
                options.ConfigureWarnings(QuietExpectedFailures);
            }, DbContextPoolSize);
        }
        services.AddScoped<IAppDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<UnitOfWork>();
        services.AddScoped<IUnitOfWork>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddScoped<IAfterCommit>(sp => sp.GetRequiredService<UnitOfWork>());
        services.AddSingleton<ISettingsProvider, SettingsProvider>();
        services.AddSingleton<IScheduleSnapshotProvider, ScheduleSnapshotProvider>();
        services.AddSingleton<CatalogueChangeInterceptor>();
        services.AddScoped<DemoDataSeeder>();
    }

    /// <summary>
    /// EF Core logs every failed command and SaveChanges at Error before the exception reaches our code, which decides
    /// whether it was expected (a unique key refusing the race loser: a 409) or a fault (logged once, with the
    /// exception, by the app). So these events are Debug; see docs/decisions/073-one-unit-of-work-and-retry-path.md.
    /// </summary>
    private static void QuietExpectedFailures(WarningsConfigurationBuilder warnings) => warnings.Log(
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (CoreEventId.QueryIterationFailed, LogLevel.Debug),
        (CoreEventId.ExecutionStrategyRetrying, LogLevel.Debug),
        (RelationalEventId.CommandError, LogLevel.Debug),
        (RelationalEventId.ConnectionError, LogLevel.Debug),
        (RelationalEventId.TransactionError, LogLevel.Debug));

    /// <summary>Registers <see cref="RedisConnection"/> only when ConnectionStrings:Redis is set; absent means SQL mode.</summary>
    private static void AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section)).ValidateDataAnnotationsByKey(RedisOptions.Section).ValidateOnStart();
        var endpoint = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            services.AddSingleton<ICatalogueChangeBroadcast, NoCatalogueChangeBroadcast>();
            return;
        }
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisConnection>(sp, endpoint));
        services.AddSingleton<RedisCatalogueChangeBroadcast>();
        services.AddSingleton<ICatalogueChangeBroadcast>(sp => sp.GetRequiredService<RedisCatalogueChangeBroadcast>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisCatalogueChangeBroadcast>());
    }

    private static void AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<EmailDispatchSignal>();
        services.AddSingleton<IEmailDispatcher, EmailDispatcher>();
        // Read without binding: a malformed Email:Mode is reported by options validation at start, not thrown here.
        var email = new EmailOptions { Smtp = { Host = configuration[$"{EmailOptions.Section}:Smtp:Host"] } };
        if (Enum.TryParse<EmailMode>(configuration[$"{EmailOptions.Section}:Mode"], ignoreCase: true, out var mode)) email.Mode = mode;
        if (email.UsesPickupDirectory)
            services.AddSingleton<IMailTransport, PickupDirectoryMailTransport>();
        else
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddHostedService<EmailDispatchLoop>();
        services.AddHostedService<OutboxMetricsSampler>();
    }

    private static string RequiredConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Database") is { Length: > 0 } cs
            ? cs
            : throw new OptionsValidationException("ConnectionStrings:Database", typeof(DatabaseOptions),
                ["ConnectionStrings:Database is required when Database:Provider is MySql."]);

    /// <summary>A relative SQLite file is placed under the content root, wherever the app was started from.</summary>
    private static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Database") is { Length: > 0 } cs
            ? cs
            : "Data Source=App_Data/appointease.db");
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
            && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, source);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }
}
