using System.Net;
using System.Net.Http.Json;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.IntegrationTests.Security;

/// <summary>
/// ForwardedHeaders:KnownProxies/KnownNetworks decide whose X-Forwarded-For counts as the client IP for per-IP limits
/// (OtpPerIp, limit 1 here). The test server has no TCP peer, so a startup filter plays the proxy's address.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    [Fact]
    public async Task OtpPerIp_BehindAKnownProxy_CountsEachForwardedClientSeparately()
    {
        await UsingAppAsync(Proxy, app => app.With("ForwardedHeaders:KnownProxies:0", Proxy), async client =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.1")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.2")).StatusCode);
            await (await RequestCodeFromAsync(client, "203.0.113.1")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        });
    }

    [Fact]
    public async Task OtpPerIp_BehindAKnownNetwork_CountsEachForwardedClientSeparately()
    {
        await UsingAppAsync(Proxy, app => app.With("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/24"), async client =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.1")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.2")).StatusCode);
        });
    }

    [Fact]
    public async Task OtpPerIp_WithoutTrustedProxies_IgnoresXForwardedFor_SoAllCallersShareThePeersCounter()
    {
        await UsingAppAsync(Proxy, _ => { }, async client =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.1")).StatusCode);
            await (await RequestCodeFromAsync(client, "203.0.113.2")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        });
    }

    [Fact]
    public async Task OtpPerIp_FromAPeerThatIsNotTheKnownProxy_IgnoresXForwardedFor()
    {
        await UsingAppAsync("10.9.9.9", app => app.With("ForwardedHeaders:KnownProxies:0", Proxy), async client =>
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeFromAsync(client, "203.0.113.1")).StatusCode);
            await (await RequestCodeFromAsync(client, "203.0.113.2")).AssertProblemAsync(HttpStatusCode.TooManyRequests);
        });
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-ip")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    public void Startup_WithAMalformedProxyEntry_FailsValidation(string key, string value)
    {
        using var bad = new AppFactory(DatabaseKind.Sqlite).With(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());

        Assert.Contains("ForwardedHeaders:", error.Message);
    }

    private static async Task UsingAppAsync(string peer, Action<AppFactory> configure, Func<HttpClient, Task> test)
    {
        var app = new AppFactory(DatabaseKind.Sqlite).With("RateLimits:OtpPerIp:PermitLimit", "1");
        configure(app);
        app.ConfigureServices = services => services.AddTransient<IStartupFilter>(_ => new PeerAddress(IPAddress.Parse(peer)));
        try
        {
            await test(app.CreateClient());
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    private static Task<HttpResponseMessage> RequestCodeFromAsync(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/otp")
        {
            Content = JsonContent.Create(new { email = AuthApi.NewEmail("fwd") }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    /// <summary>Runs before the app's pipeline: the TCP peer a real server would report.</summary>
    private sealed class PeerAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
