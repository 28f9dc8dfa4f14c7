using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Attaches a shared rate limit to an endpoint:
/// <code>
/// group.MapPost("/appointments", Create).RequireRateLimit(RateLimitNames.BookingPerIp, RateLimitSubjects.ClientIp);
/// group.MapPost("/otp", RequestCode).RequireRateLimit(RateLimitNames.OtpPerEmail,
///     RateLimitSubjects.FromArgument&lt;RequestOtpCommand&gt;(c =&gt; c.Email));
/// </code>
/// Not for the heartbeat: this is a Redis call of its own, and the heartbeat must stay one round trip, so its limit is
/// counted inside the slot store's heartbeat script (<c>HeartbeatRateLimit</c>, decision 025).
/// Runs after binding (so it can read the body) and before the handler; over the limit → 429 problem + Retry-After.
/// A null subject is not counted: the request is malformed and validation will refuse it.
/// </summary>
public static class RateLimitEndpointFilter
{
    public static TBuilder RequireRateLimit<TBuilder>(this TBuilder builder, string limit, Func<EndpointFilterInvocationContext, string?> subject)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!RateLimitNames.IsKnown(limit))
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Unknown rate limit; see RateLimitNames.");
        // Built on the endpoint's first request and kept: the options are bound once per host, so every request would
        // build the same rule again.
        RateLimitRule? rule = null;
        builder.AddEndpointFilter(async (context, next) =>
        {
            var key = subject(context);
            if (key is null) return await next(context);
            var services = context.HttpContext.RequestServices;
            rule ??= services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Rule(limit);
            var decision = await services.GetRequiredService<IRateLimiter>().HitAsync(rule, key, context.HttpContext.RequestAborted);
            if (decision.Allowed) return await next(context);
            services.GetRequiredService<AppointEaseMetrics>().RateLimitRejected(rule.Name);
            return TooManyRequests(decision);
        });
        return builder;
    }

    /// <summary>The same 429 problem as a handler's <c>Error.RateLimited</c> (Retry-After is set when it is written).</summary>
    private static IResult TooManyRequests(RateLimitDecision decision) => Error.RateLimited(decision.RetryAfter).ToProblem();
}

public static class RateLimitSubjects
{
    /// <summary>
    /// The TCP peer's network (<see cref="ClientNetwork"/>: IPv4 address, IPv6 /64). Behind a proxy this is the proxy
    /// unless forwarded headers are configured (docs/decisions/027-forwarded-headers-only-from-configured-proxies.md).
    /// </summary>
    public static string? ClientIp(EndpointFilterInvocationContext context) =>
        ClientNetwork.Of(context.HttpContext.Connection.RemoteIpAddress);

    /// <summary>A value of the bound request argument of type <typeparamref name="T"/>, trimmed and lower-cased.</summary>
    public static Func<EndpointFilterInvocationContext, string?> FromArgument<T>(Func<T, string?> select) =>
        context => context.Arguments.OfType<T>().FirstOrDefault() is { } argument && select(argument) is { Length: > 0 } value
            ? value.Trim().ToLowerInvariant()
            : null;

    /// <summary><see cref="FromArgument{T}"/> within the caller's network: "the owner's address, asked from here".</summary>
    public static Func<EndpointFilterInvocationContext, string?> FromArgumentAndIp<T>(Func<T, string?> select)
    {
        var fromArgument = FromArgument(select);
        return context => fromArgument(context) is { } value ? value + "|" + ClientIp(context) : null;
    }
}
