using AppointEase.Application.Common.Telemetry;
using AppointEase.Infrastructure.Redis;
using AppointEase.WebApi.Infrastructure.AdminAuth;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AppointEase.WebApi.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry for the app (decisions 090–092): the "AppointEase" meter and activity source, ASP.NET Core, HttpClient,
/// runtime, EF Core and StackExchange.Redis instrumentation; a Prometheus scrape endpoint behind the admin key; OTLP
/// export of both signals when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class TelemetryRegistration
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // Every log line written inside a request carries its TraceId/SpanId as a scope (the hosting default, stated
        // here because the trace id in logs is a contract: the traceId of a problem finds the request's log lines).
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled) return services;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(AppointEaseTelemetry.Name))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AppointEaseTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddView(CardinalityOf)
                    // Every scrape collects afresh (the exporter's default answers from a 300 ms cache): scrapes are
                    // admin-only and rare, and a reading taken right after an event must see it (the bench's
                    // allocations per confirm read it around each round).
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        if (options.Tracing ?? otlp)
        {
            builder.WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    .AddSource(AppointEaseTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => IsTraced(http.Request.Path, options))
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    // Redis commands are profiled and turned into spans by a drain loop; 1 s keeps them close to their request.
                    .AddRedisInstrumentation(o => o.FlushInterval = TimeSpan.FromSeconds(1))
                    .ConfigureRedisInstrumentation((sp, redis) =>
                    {
                        if (sp.GetService<RedisConnection>() is { } connection) redis.AddConnection(RecordedTracesOnlyRedisProfiling.Wrap(connection.Multiplexer));
                    });
                if (otlp) tracing.AddOtlpExporter();
            });
        }
        return services;
    }

    /// <summary>The Prometheus scrape endpoint, for admin keys only (Basic auth with the key as password works for Prometheus).</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Enabled)
            app.MapPrometheusScrapingEndpoint(options.MetricsPath).RequireAuthorization(AdminKeyDefaults.Policy);
        return app;
    }

    /// <summary>
    /// Every metric stream allocates its cardinality limit of points up front (2,000 by default, about 144 KB): 9.5 MB
    /// for the ~66 streams here, in every instance, idle or not (decision 140). Only the HTTP durations' tag sets
    /// (route × method × status, peer × status) can grow past a few dozen; they keep the default, the rest get
    /// <see cref="SmallCardinalityLimit"/>, far above what their tags produce. A stream that still overflows reports the
    /// excess under otel.metric.overflow rather than dropping it.
    /// </summary>
    internal static MetricStreamConfiguration? CardinalityOf(Instrument instrument) =>
        instrument.Name.StartsWith("http.server.", StringComparison.Ordinal) || instrument.Name.StartsWith("http.client.", StringComparison.Ordinal)
            ? null
            : new MetricStreamConfiguration { CardinalityLimit = SmallCardinalityLimit };

    internal const int SmallCardinalityLimit = 200;

    // A request left out here is not recorded and, the sampler being parent-based, neither are its mediator, SQL and
    // Redis spans; its log lines still carry a trace id (the hosting layer creates the activity regardless).
    private static bool IsTraced(PathString path, TelemetryOptions options)
    {
        if (path.StartsWithSegments(options.MetricsPath) || path.StartsWithSegments("/health")) return false;
        if (!path.StartsWithSegments(HeartbeatPath)) return true;
        return options.HeartbeatTraceSampleRatio >= 1.0 || Random.Shared.NextDouble() < options.HeartbeatTraceSampleRatio;
    }

    private const string HeartbeatPath = "/api/v1/heartbeat";
}
