using Microsoft.Net.Http.Headers;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Cross-site request forgery guard for the /jobs dashboard. Browsers cache HTTP Basic credentials and resend them to
/// any request, also one a foreign page makes, so a state-changing dashboard request (POST: delete, trigger, requeue)
/// must come from the dashboard's own origin: <c>Sec-Fetch-Site</c> same-origin, or an <c>Origin</c> equal to this host.
/// A request with neither header is not a browser's cross-site request (browsers send <c>Origin</c> on every cross-site
/// POST) and still needs Hangfire's antiforgery token (registered in <see cref="SecurityRegistration"/>). Decision 085.
/// </summary>
internal static class DashboardSameOrigin
{
    public static bool IsAllowed(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
            return true;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
            return false;
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0) return true;
        // Host and port only: behind a TLS-terminating proxy that is not configured as trusted the app sees http while
        // the browser's Origin says https, and that is still this site, not a foreign one.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Refuses cross-site state changes under /jobs with 403 before Hangfire (or its authorization) runs.</summary>
    public static WebApplication UseDashboardSameOrigin(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(JobsDashboard.Path) || IsAllowed(context.Request)) return next(context);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        return app;
    }
}
