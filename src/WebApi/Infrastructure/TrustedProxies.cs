using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> are believed.
/// Both lists empty (the default) means the headers are ignored, so a client can never pick its own IP (and with it its
/// per-IP rate-limit bucket). Decision 027.
/// </summary>
public sealed class TrustedProxySettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Exact proxy addresses, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public bool IsValid => KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => IPNetwork.TryParse(n, out _));
}

internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxySettings>().BindConfiguration(TrustedProxySettings.Section)
            .Validate(o => o.IsValid, "ForwardedHeaders:KnownProxies must be IP addresses and ForwardedHeaders:KnownNetworks CIDR ranges (e.g. 10.0.0.0/8).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxySettings>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured may speak for a client.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in trusted.Value.KnownNetworks) options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            // Walk the whole chain of trusted hops (CDN → load balancer → app); it stops at the first untrusted address.
            options.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (HTTPS redirect, rate limits, logs) sees the real client.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxySettings>>().Value.Enabled)
            app.UseForwardedHeaders();
        return app;
    }
}
