using Hangfire;

namespace AppointEase.WebApi.Infrastructure;

internal static class JobsDashboard
{
    public const string Path = "/jobs";

    /// <summary>Hangfire's dashboard at /jobs on this host's own job storage, admins only.</summary>
    public static void MapJobsDashboard(this WebApplication app)
    {
        var storage = app.Services.GetRequiredService<JobStorage>();
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "AppointEase jobs",
            AppPath = null,
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
        }, storage);
    }
}
