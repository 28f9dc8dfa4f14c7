using System.Net;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>Security</c>: what a deployment shows the public and over which transport. Every switch left unset takes
/// the environment's default: open in Development/Testing, closed everywhere else (decision 087).
/// </summary>
public sealed class ExposureOptions
{
    public const string Section = "Security";

    /// <summary>Serve /openapi/v1.json and /scalar (the document describes the admin API too). Default: Development/Testing only.</summary>
    public bool? PublishApiReference { get; set; }

    /// <summary>/health/ready lists each check with its description and data; otherwise only the status (admins still get details).</summary>
    public bool? ReadinessDetails { get; set; }

    /// <summary>
    /// Admin, dashboard and session requests (anything under /api/v1/admin, /jobs, /api/v1/auth, or carrying an
    /// Authorization, X-Admin-Key or X-Manage-Token header) must arrive over HTTPS, directly or as said by a trusted
    /// proxy's X-Forwarded-Proto; plain HTTP gets 403 https_required. Default: on outside Development/Testing.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Plain HTTP from the host itself (a local check, an end-to-end run) stays allowed under <see cref="RequireHttps"/>.</summary>
    public bool AllowPlainHttpFromLoopback { get; set; } = true;

    public void ApplyDefaults(bool developmentOrTesting)
    {
        PublishApiReference ??= developmentOrTesting;
        ReadinessDetails ??= developmentOrTesting;
        RequireHttps ??= !developmentOrTesting;
    }
}

/// <summary>Refuses credentials over plain HTTP (<see cref="ExposureOptions.RequireHttps"/>), before authentication reads them.</summary>
internal sealed class RequireHttpsForCredentialsMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<ExposureOptions> options)
{
    private static readonly string[] CredentialHeaders = ["Authorization", "X-Admin-Key", "X-Manage-Token"];
    private static readonly string[] CredentialPaths = ["/api/v1/admin", "/api/v1/auth", JobsDashboard.Path];

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (settings.RequireHttps != true || context.Request.IsHttps || !CarriesCredentials(context.Request)
            || (settings.AllowPlainHttpFromLoopback && context.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)))
            return next(context);
        var error = new AppointEase.Application.Common.Results.Error(AppointEase.Application.Common.Results.ErrorKind.Forbidden,
            "https_required", "This endpoint carries credentials and is only served over HTTPS.");
        return error.ToProblem().ExecuteAsync(context);
    }

    private static bool CarriesCredentials(HttpRequest request) =>
        CredentialPaths.Any(p => request.Path.StartsWithSegments(p)) || CredentialHeaders.Any(h => request.Headers.ContainsKey(h));
}
