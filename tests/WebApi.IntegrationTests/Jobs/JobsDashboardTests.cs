using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

public sealed class JobsDashboardTests : IAsyncLifetime
{
    private readonly AppFactory _withoutScheme = new(DatabaseKind.Sqlite);
    private readonly AppFactory _withScheme = new(DatabaseKind.Sqlite);

    public Task InitializeAsync()
    {
        // Stands in for the identity team's "AdminKey" scheme (X-Admin-Key / Basic), which is built in parallel.
        _withScheme.ConfigureServices = services => services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, FakeAdminKeyHandler>("AdminKey", null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_withoutScheme).DisposeAsync();
        await ((IAsyncLifetime)_withScheme).DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_WithoutAdminKeyScheme_OutsideDevelopment_Returns401()
    {
        var response = await _withoutScheme.CreateClient().GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-an-admin", HttpStatusCode.Forbidden)]
    [InlineData("admin-key", HttpStatusCode.OK)]
    public async Task Dashboard_WithAdminKeyScheme_AdmitsOnlyAdmins(string? key, HttpStatusCode expected)
    {
        var client = _withScheme.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Admin-Key", key);

        var response = await client.GetAsync("/jobs");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
            Assert.Contains("AppointEase jobs", await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.Unauthorized)
            Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    private sealed class FakeAdminKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue("X-Admin-Key", out var key)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = new List<Claim> { new(ClaimTypes.Name, key.ToString()) };
            if (key == "admin-key") claims.Add(new Claim(ClaimTypes.Role, "admin"));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }
}
