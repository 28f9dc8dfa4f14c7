using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure.AdminAuth;

/// <summary>
/// Authenticates an admin by <c>X-Admin-Key</c>, or by HTTP Basic with any user name and the key as password (so a
/// browser can open the jobs dashboard). No credentials → no result (other schemes may apply); a wrong key → failure.
/// A success carries role <c>admin</c> and claim <c>admin_key_id</c>.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AdminKeyOptions> adminKeys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string BasicRealm = "AppointEase admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (presented.Length is 0 or > AdminKeyHash.MaxKeyLength) return Task.FromResult(AuthenticateResult.Fail("Invalid admin key."));

        var keys = adminKeys.CurrentValue.ApiKeys.Select(k => (k.Id, Hash: Convert.FromHexString(k.KeyHash))).ToList();
        var keyId = AdminKeyHash.FindKeyId(presented, keys);
        if (keyId is null)
        {
            Logger.LogWarning("Rejected an admin key from {RemoteIp}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("Invalid admin key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, keyId), new Claim(HttpCurrentUser.AdminKeyIdClaim, keyId), new Claim(ClaimTypes.Role, HttpCurrentUser.AdminRole)],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(AdminKeyDefaults.HeaderName, out var header))
            return header.ToString().Trim();
        if (AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is { Length: > 0 and < 2048 } encoded)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = decoded.IndexOf(':');
                return colon < 0 ? "" : decoded[(colon + 1)..];
            }
            catch (FormatException)
            {
                return "";
            }
        }
        return null;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // Only outside the JSON API: a Basic challenge makes browsers show a login box, which API clients don't want.
        if (!Request.Path.StartsWithSegments("/api"))
            Response.Headers.WWWAuthenticate = $"Basic realm=\"{BasicRealm}\", charset=\"UTF-8\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Send a valid admin key in the {AdminKeyDefaults.HeaderName} header.", "admin-key-required");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This key may not use the admin API.", "admin-forbidden");
    }

    private async Task WriteProblemAsync(int status, string title, string detail, string type)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://appointease.dev/problems/{type}" };
        problem.Extensions["code"] = type.Replace('-', '_');
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem });
    }
}
