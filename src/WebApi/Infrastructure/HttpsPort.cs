using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Whether the app knows the HTTPS port to redirect to, looked up where ASP.NET Core's redirection middleware looks:
/// <c>HttpsRedirectionOptions.HttpsPort</c>, the <c>https_port</c> setting (<c>ASPNETCORE_HTTPS_PORT</c>,
/// <c>HTTPS_PORT</c>, <c>ANCM_HTTPS_PORT</c>) and the server's bound addresses (<c>ASPNETCORE_HTTPS_PORTS</c>, an
/// <c>https://</c> URL). Without one the middleware cannot redirect and only logs a warning ("Failed to determine the
/// https port"), so an HTTP-only deployment does not get it at all (decision 083).
/// </summary>
internal static class HttpsPort
{
    public static bool IsKnown(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<HttpsRedirectionOptions>>().Value.HttpsPort is not null) return true;
        var configuration = services.GetRequiredService<IConfiguration>();
        if (IsPort(configuration["HTTPS_PORT"]) || IsPort(configuration["ANCM_HTTPS_PORT"])) return true;
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPort(string? value) => int.TryParse(value, out var port) && port is > 0 and <= 65535;
}
