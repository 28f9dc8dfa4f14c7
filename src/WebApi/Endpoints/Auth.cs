using System.Globalization;
using System.Security.Claims;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Identity;
using AppointEase.Application.Identity.EndSession;
using AppointEase.Application.Identity.RequestOtp;
using AppointEase.Application.Identity.VerifyOtp;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class Auth
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        // Per network first, then per address from that network, then the higher ceiling per address alone: an
        // attacker elsewhere spends their own network's allowance, not the owner's (decision 086).
        auth.MapPost("/otp", RequestOtp)
            .RequireRateLimit(RateLimitNames.OtpPerIp, RateLimitSubjects.ClientIp)
            .RequireRateLimit(RateLimitNames.OtpPerEmailAndIp, RateLimitSubjects.FromArgumentAndIp<RequestOtpCommand>(c => c.Email))
            .RequireRateLimit(RateLimitNames.OtpPerEmail, RateLimitSubjects.FromArgument<RequestOtpCommand>(c => c.Email));
        auth.MapPost("/otp/verify", VerifyOtp)
            .RequireRateLimit(RateLimitNames.VerifyPerIp, RateLimitSubjects.ClientIp)
            .RequireRateLimit(RateLimitNames.VerifyPerEmailAndIp, RateLimitSubjects.FromArgumentAndIp<VerifyOtpCommand>(c => c.Email))
            .RequireRateLimit(RateLimitNames.VerifyPerEmail, RateLimitSubjects.FromArgument<VerifyOtpCommand>(c => c.Email));
        auth.MapGet("/session", GetSession).RequireAuthorization(AuthPolicies.Customer);
        auth.MapDelete("/session", EndSession).RequireAuthorization(AuthPolicies.Customer);
    }

    [EndpointSummary("Email a sign-in code")]
    [EndpointDescription("Always 202 for a valid address, whether or not it has bookings. The 6-digit code is valid for " +
                         "Auth:OtpLifetimeMinutes (10) and works once; a new request replaces the previous code. " +
                         "422 for an invalid address, 429 with Retry-After when requested too often.")]
    public static async Task<Results<Accepted<OtpRequested>, ProblemHttpResult>> RequestOtp(
        RequestOtpCommand command, IMediator mediator, IEmailDispatcher dispatcher, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        if (!result.IsSuccess) return result.Error.ToProblem();
        dispatcher.Nudge();
        return TypedResults.Accepted((string?)null, result.Value);
    }

    [EndpointSummary("Exchange a code for a session token")]
    [EndpointDescription("200 {token, expiresAt}: send the token as Authorization: Bearer <token>. A wrong, expired or " +
                         "used code is a 422 naming code; after 20 wrong tries (5 per network) the code is dead and a new one must be requested. " +
                         "429 with Retry-After when one network, or all together, verify too often for one address.")]
    public static async Task<Results<Ok<IssuedSession>, ProblemHttpResult>> VerifyOtp(
        VerifyOtpCommand command, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(command, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("The signed-in customer")]
    [EndpointDescription("401 when the token is missing, unknown, expired or signed out.")]
    public static Ok<SessionInfo> GetSession(ClaimsPrincipal user) =>
        TypedResults.Ok(new SessionInfo(
            user.FindFirstValue(HttpCurrentUser.CustomerEmailClaim)!,
            DateTimeOffset.Parse(user.FindFirstValue(SessionClaims.ExpiresAt)!, CultureInfo.InvariantCulture)));

    [EndpointSummary("Sign out")]
    [EndpointDescription("Revokes the session at once; the token then gets 401 everywhere.")]
    public static async Task<NoContent> EndSession(ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        await mediator.Send(new EndSessionCommand(int.Parse(user.FindFirstValue(SessionClaims.SessionId)!, CultureInfo.InvariantCulture)), ct);
        return TypedResults.NoContent();
    }
}
