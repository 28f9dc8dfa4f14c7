using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppointEase.WebApi.Infrastructure;

internal static class HealthEndpoints
{
    /// <summary>
    /// /health/live: the process answers. /health/ready: dependencies (checks tagged "ready") as JSON, with each check's
    /// details only when Security:ReadinessDetails allows it or an admin asks (they name servers and failure reasons).
    /// </summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReport,
        }).WithTags("Health");
    }

    private static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.RequestServices.GetRequiredService<ReadinessTransitions>().Observe(report);
        context.Response.ContentType = "application/json";
        var details = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExposureOptions>>().Value.ReadinessDetails == true
                      || context.User.IsInRole(HttpCurrentUser.AdminRole);
        if (!details)
            return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonSerializerOptions.Web));
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
