namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Headers on every response, error pages included (set when the response starts, after any handler cleared it).
/// Widget pages (the host page at / and /manage, and the files under /app) get a script policy: scripts and connections
/// only from this origin, no plugins, no base-URI or form hijacking. Styles allow 'unsafe-inline' for the host page's
/// own style block (styles run no code). Elsewhere the CSP only forbids framing: a script policy would break the Scalar
/// page, and JSON responses run no scripts.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = IsWidgetPage(context.Request.Path) ? WidgetPolicy : "frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    public const string WidgetPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static bool IsWidgetPage(PathString path) => path == "/" || path == "/manage" || path.StartsWithSegments("/app");
}
