using System.Net;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Security;

/// <summary>
/// Authentication runs only for requests that present a credential (decision 143): an anonymous request builds no
/// authentication handler, and a request with an admin key or a session token is authenticated as before.
/// </summary>
public sealed class CredentialAuthenticationTests : IAsyncLifetime
{
    private readonly HandlerCount _handlers = new();
    private readonly AppFactory _app = new AppFactory(DatabaseKind.Sqlite).WithAdminKeys();

    public async Task InitializeAsync()
    {
        _app.ConfigureServices = services =>
        {
            services.AddSingleton(_handlers);
            services.AddScoped<IAuthenticationHandlerProvider, CountingHandlerProvider>();
        };
        await _app.InitializeAsync();
    }

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task AnAnonymousRequest_BuildsNoAuthenticationHandler()
    {
        var response = await _app.CreateClient().GetAsync("/api/v1/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, _handlers.Value);
    }

    [Fact]
    public async Task AnAdminKey_IsStillAuthenticated_AndAWrongOneRefused()
    {
        var admin = await _app.CreateAdminClient().GetAsync("/api/v1/admin/settings");
        var wrong = await _app.CreateAdminClient("not-the-key").GetAsync("/api/v1/admin/settings");

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.True(_handlers.Value > 0);
    }

    [Fact]
    public async Task AnUnknownSessionToken_On_APublicEndpoint_IsAnonymous_AndOnACustomerEndpointIs401()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer unknown-token");

        var open = await client.GetAsync("/api/v1/services");
        var customer = await client.GetAsync("/api/v1/auth/session");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, customer.StatusCode);
        Assert.Contains("invalid_token", customer.Headers.WwwAuthenticate.ToString());
        Assert.True(_handlers.Value > 0);
    }

    public sealed class HandlerCount
    {
        private int _value;
        public int Value => Volatile.Read(ref _value);
        public void Add() => Interlocked.Increment(ref _value);
    }

    /// <summary>ASP.NET Core's provider, counting every handler it is asked for.</summary>
    private sealed class CountingHandlerProvider(IAuthenticationSchemeProvider schemes, HandlerCount count) : IAuthenticationHandlerProvider
    {
        private readonly AuthenticationHandlerProvider _inner = new(schemes);

        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            count.Add();
            return _inner.GetHandlerAsync(context, authenticationScheme);
        }
    }
}
