using System.Net;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Admits admins authenticated by the "AdminKey" scheme (X-Admin-Key or HTTP Basic, role admin). On false Hangfire
/// answers 401 when no one authenticated and 403 when an authenticated non-admin asked.
/// Until the identity work registers that scheme, only local requests in Development get in; everything else is denied.
/// </summary>
internal sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public const string AdminKeyScheme = "AdminKey";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var schemes = http.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is not null && await schemes.GetSchemeAsync(AdminKeyScheme) is not null)
        {
            var result = await http.AuthenticateAsync(AdminKeyScheme);
            if (!result.Succeeded)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"AppointEase admin\"";
                return false;
            }
            http.User = result.Principal;
            return result.Principal.IsInRole(HttpCurrentUser.AdminRole);
        }

        // TODO(identity): remove this branch once the AdminKey scheme is registered everywhere.
        return http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() && IsLocal(http);
    }

    private static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null) return false;
        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }
}
