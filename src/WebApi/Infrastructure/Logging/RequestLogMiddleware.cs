using System.Diagnostics;

namespace AppointEase.WebApi.Infrastructure.Logging;

/// <summary>
/// One line per request for operators: method, route template (never the raw path, which can carry a manage token),
/// status and elapsed milliseconds, at Information whatever the status — a 4xx is an expected outcome, and a 5xx's
/// fault has its own Error line with the exception. The trace id comes from the logging scope of the request.
/// Answered heartbeats are Debug: every open widget polls about once a second, which would drown everything else.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var status = context.Response.StatusCode;
            var level = status < 400 && route.EndsWith("/heartbeat", StringComparison.Ordinal) ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
                logger.Log(level, "HTTP {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms",
                    context.Request.Method, route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
