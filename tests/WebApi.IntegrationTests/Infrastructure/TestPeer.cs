using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The test server has no TCP peer: with <see cref="Use"/>, a request's <c>X-Test-Peer</c> header plays the address a
/// real server would report, so per-IP limits can be tested from many addresses.
/// </summary>
public static class TestPeer
{
    public const string Header = "X-Test-Peer";

    public static AppFactory WithTestPeers(this AppFactory app)
    {
        app.ConfigureServices = services => services.AddTransient<IStartupFilter>(_ => new FromHeader());
        return app;
    }

    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        request.Headers.Add(Header, address);
        return request;
    }

    private sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
