using System.Reflection;
using System.Runtime.InteropServices;
using AppointEase.Infrastructure.Startup;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Runs the app or the <c>migrate</c> command and turns the failures an operator causes (bad configuration, a
/// database that never came up) into one message per problem on stderr and a non-zero exit code, not a stack trace:
/// 2 = configuration error, 3 = a dependency was not ready in time. Unexpected exceptions still crash loudly.
/// </summary>
internal static class StartupCommand
{
    public const int ConfigurationErrorExitCode = 2;
    public const int NotReadyExitCode = 3;

    public static async Task<int> RunAsync(WebApplicationBuilder builder, bool migrate, Action<WebApplication> configure)
    {
        try
        {
            var app = builder.Build();
            // Validation first (the host would do it too, but only after logging a trace): a bad configuration never
            // touches the database. Then the database: waited for, migrated or checked, seeded, before serving.
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            WarnWithoutAdminKey(app);
            var applied = await PrepareDatabaseAsync(app, migrate);
            if (migrate)
            {
                app.Logger.LogInformation("Migrate: {Count} migration(s) applied{List}; the schema is current", applied.Count,
                    applied.Count == 0 ? "" : ": " + string.Join(", ", applied));
                return 0;
            }
            configure(app);
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (OwnsProcess && ConfigurationErrors.Of(ex) is { Count: > 0 } errors)
        {
            foreach (var error in errors) Console.Error.WriteLine($"Configuration error: {error}");
            return ConfigurationErrorExitCode;
        }
        catch (StartupAbortedException ex) when (OwnsProcess)
        {
            Console.Error.WriteLine($"Start-up aborted: {ex.Message}");
            return NotReadyExitCode;
        }
    }

    /// <summary>
    /// True when this app is the process (dotnet AppointEase.WebApi.dll). Under WebApplicationFactory the test host is
    /// the entry assembly, and tests expect the exception itself.
    /// </summary>
    private static bool OwnsProcess => Assembly.GetEntryAssembly() == typeof(StartupCommand).Assembly;

    private static void WarnWithoutAdminKey(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing")) return;
        if (app.Services.GetRequiredService<IOptions<AdminAuth.AdminKeyOptions>>().Value.ApiKeys.Count == 0)
            app.Logger.LogWarning("No admin key configured (Admin:ApiKeys:0:Id and Admin:ApiKeys:0:KeyHash): the admin API and the /jobs dashboard refuse everyone");
    }

    /// <summary>SIGTERM/SIGINT while waiting for the database stop the wait (the host's own handlers are not set up yet).</summary>
    private static async Task<IReadOnlyList<string>> PrepareDatabaseAsync(WebApplication app, bool migrate)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        var database = app.Services.GetRequiredService<DatabaseStartup>();
        try
        {
            return await database.RunAsync(migrate || database.MigratesOnStartup, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new StartupAbortedException("stopped by a signal while waiting for the database");
        }
    }
}

/// <summary>The operator-facing lines of a configuration failure, or none if the exception is something else.</summary>
internal static class ConfigurationErrors
{
    public static List<string> Of(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => Of(e).Count > 0) => [.. aggregate.InnerExceptions.SelectMany(Of)],
        // The binder names the key itself: "Failed to convert configuration value at 'Email:Mode' to type …".
        InvalidOperationException binder when binder.TargetSite?.DeclaringType == typeof(ConfigurationBinder) => [binder.Message],
        _ when exception.InnerException is { } inner && exception is not OperationCanceledException => Of(inner),
        _ => [],
    };
}
