using AppointEase.WebApi.Infrastructure.AdminAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// ASP.NET Core's authentication middleware, run only for a request that presents a credential. The default scheme
/// reads nothing but the <c>Authorization</c> and <c>X-Admin-Key</c> headers and answers "no result" without them, so
/// skipping it then leaves the request exactly as anonymous as before, without building two handlers and their tasks
/// for every heartbeat (decision 143). Endpoints whose policy names a scheme still authenticate it in the authorization
/// middleware, as always. When another default scheme is configured (a test's stand-in, another identity provider),
/// nothing is known about what it reads, and every request is authenticated.
/// </summary>
internal sealed class CredentialAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes,
    IOptions<AuthenticationOptions> options)
{
    /// <summary>
    /// The key <c>UseAuthentication</c> sets; WebApplication adds its own authentication middleware at the front of the
    /// pipeline when the key is missing. <c>CredentialAuthenticationTests</c> fails if that ever happens again.
    /// </summary>
    internal const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    private readonly AuthenticationMiddleware _authentication = new(next, schemes);
    private readonly bool _ownDefaultScheme = options.Value.DefaultAuthenticateScheme == AuthSchemes.SessionOrAdminKey;

    public Task InvokeAsync(HttpContext context) =>
        !_ownDefaultScheme || PresentsCredential(context.Request.Headers) ? _authentication.Invoke(context) : next(context);

    internal static bool PresentsCredential(IHeaderDictionary headers) =>
        headers.ContainsKey(HeaderNames.Authorization) || headers.ContainsKey(AdminKeyDefaults.HeaderName);
}

internal static class CredentialAuthenticationExtensions
{
    public static IApplicationBuilder UseCredentialAuthentication(this IApplicationBuilder app)
    {
        app.Properties[CredentialAuthenticationMiddleware.AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<CredentialAuthenticationMiddleware>();
    }
}
