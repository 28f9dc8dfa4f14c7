using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>
/// Stands in for the identity feature's schemes: <c>X-Test-Customer: email</c> is a customer session,
/// <c>X-Test-Admin: 1</c> an admin. Only ever registered by test factories.
/// </summary>
public static class TestAuth
{
    public const string Scheme = "Test";
    public const string CustomerHeader = "X-Test-Customer";
    public const string AdminHeader = "X-Test-Admin";

    public static void Add(IServiceCollection services) =>
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var claims = new List<Claim>();
            if (Request.Headers.TryGetValue(CustomerHeader, out var email)) claims.Add(new Claim("customer_email", email.ToString()));
            if (Request.Headers.ContainsKey(AdminHeader))
            {
                claims.Add(new Claim(ClaimTypes.Role, "admin"));
                claims.Add(new Claim("admin_key_id", "test"));
            }
            if (claims.Count == 0) return Task.FromResult(AuthenticateResult.NoResult());
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, TestAuth.Scheme));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, TestAuth.Scheme)));
        }
    }
}

public sealed class BookingSqliteFactory : AppFactory
{
    public BookingSqliteFactory() : base(DatabaseKind.Sqlite) => ConfigureServices = TestAuth.Add;
}

public sealed class BookingMariaDbFactory : AppFactory
{
    public BookingMariaDbFactory() : base(DatabaseKind.MariaDb) => ConfigureServices = TestAuth.Add;
}
