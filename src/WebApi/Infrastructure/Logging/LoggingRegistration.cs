using Microsoft.Extensions.Logging.Console;

namespace AppointEase.WebApi.Infrastructure.Logging;

internal static class LoggingRegistration
{
    /// <summary>
    /// Every log line carries the request's trace and span id (from its Activity, so the OpenTelemetry trace id once
    /// tracing exports); outside Development and the test host the console writes masked JSON lines
    /// (<see cref="MaskedJsonConsoleFormatter"/>), which a log shipper reads without parsing text.
    /// </summary>
    public static IServiceCollection AddStructuredLogging(this IServiceCollection services, IHostEnvironment environment)
    {
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing")) return services;
        services.AddLogging(logging => logging.AddConsoleFormatter<MaskedJsonConsoleFormatter, ConsoleFormatterOptions>(o => o.IncludeScopes = true));
        services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = MaskedJsonConsoleFormatter.Name);
        return services;
    }
}
