using Microsoft.Extensions.FileProviders;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Serves the booking widget built from ClientApp: its files under /app and its demo host page at "/".
/// The files are read from wwwroot/app under the content root (the project folder for `dotnet run`, the output folder
/// for the dll), not through static web assets, so a widget rebuilt while the app runs is picked up.
/// </summary>
internal static class WidgetHosting
{
    private const string RequestPath = "/app";

    private static string WidgetDirectory(IWebHostEnvironment env) => Path.Combine(env.ContentRootPath, "wwwroot", "app");

    public static WebApplication UseWidget(this WebApplication app)
    {
        var directory = WidgetDirectory(app.Environment);
        if (!Directory.Exists(directory))
        {
            app.Logger.LogWarning("Widget not built ({Directory} missing): build the WebApi project with npm on PATH", directory);
            return app;
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            RequestPath = RequestPath,
            // Stable file names (so other sites can embed them): revalidate by ETag instead of caching blindly.
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }

    /// <summary>"/" is the demo host page; "/manage" is the same page, where the emailed manage link
    /// (<c>/manage?appointment=ID&amp;token=…</c>) opens the booking.</summary>
    public static void MapWidget(this IEndpointRouteBuilder app)
    {
        var env = app.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        IResult HostPage()
        {
            var page = Path.Combine(WidgetDirectory(env), "index.html");
            return File.Exists(page)
                ? Results.File(page, "text/html; charset=utf-8")
                : Results.Text("The booking widget is not built. Build src/WebApi (needs node and npm) and reload.", "text/plain", statusCode: 503);
        }
        app.MapGet("/", HostPage).ExcludeFromDescription();
        app.MapGet("/manage", HostPage).ExcludeFromDescription();
    }
}
