using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AppointEase.Application.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Scheme "Session": <c>Authorization: Bearer &lt;token&gt;</c> → principal with claim customer_email. No header means
/// anonymous (public endpoints keep working); a bad token fails authentication, so endpoints that require a session
/// answer 401, while public ones simply treat the caller as anonymous.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        // Resolved only when a token came: the authenticator brings the DbContext, and every anonymous request (the
        // widget's once-a-second heartbeat above all) runs this handler too.
        var sessions = Context.RequestServices.GetRequiredService<SessionAuthenticator>();
        var session = await sessions.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (session is null)
            return AuthenticateResult.Fail("The session token is unknown, expired or revoked.");

        var identity = new ClaimsIdentity(
        [
            new Claim(HttpCurrentUser.CustomerEmailClaim, session.Email),
            new Claim(SessionClaims.SessionId, session.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(SessionClaims.ExpiresAt, new DateTimeOffset(session.ExpiresUtc, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = Request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Sign-in required",
            Detail = presented
                ? "The session token is invalid, expired or was signed out. Sign in again with a new code."
                : "This endpoint needs a customer session: send Authorization: Bearer <token> from POST /api/v1/auth/otp/verify.",
            Type = "https://appointease.dev/problems/unauthorized",
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden",
            Detail = "This session may not use this endpoint.",
            Type = "https://appointease.dev/problems/forbidden",
        });
    }

    private async Task WriteProblemAsync(ProblemDetails problem) =>
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
}
