using AppointEase.Infrastructure.Options;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>Section <c>Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// Seconds between SIGTERM and closing the listener, while /health/ready answers 503 and requests are still
    /// served, so the load balancer stops sending traffic first. Unset = 5 (0 in Development/Testing). Set it to the
    /// load balancer's probe interval × unhealthy threshold plus a little.
    /// </summary>
    [Range(0, 300)]
    public int? DrainSeconds { get; set; }
}

/// <summary>
/// SIGTERM → readiness fails at once (the <c>shutdown</c> check) → the drain delay with the server still serving →
/// the normal stop, in which in-flight requests finish. <see cref="IHostedLifecycleService.StoppingAsync"/> runs before
/// any hosted service (Kestrel included) is stopped, which is what makes the order hold. Decision 082.
/// </summary>
internal sealed class ShutdownDrain(IOptions<ShutdownOptions> options, IHostEnvironment environment, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public TimeSpan Drain => TimeSpan.FromSeconds(options.Value.DrainSeconds
        ?? (environment.IsDevelopment() || environment.IsEnvironment("Testing") ? 0 : 5));

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (Drain <= TimeSpan.Zero) return;
        logger.LogInformation("Shutting down: readiness now fails; serving for {DrainSeconds} s more before closing the listener", Drain.TotalSeconds);
        try { await Task.Delay(Drain, cancellationToken); }
        catch (OperationCanceledException) { }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining
            ? HealthCheckResult.Unhealthy("shutting down: draining before stop")
            : HealthCheckResult.Healthy("serving"));

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class ShutdownDrainRegistration
{
    public static IServiceCollection AddShutdownDrain(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section)
            .ValidateDataAnnotationsByKey(ShutdownOptions.Section).ValidateOnStart();
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        services.AddHealthChecks().Add(new HealthCheckRegistration("shutdown", sp => sp.GetRequiredService<ShutdownDrain>(), null, ["ready"]));
        // The drain must fit in the host's stop budget, with room left for in-flight requests and the job server.
        services.AddOptions<HostOptions>().PostConfigure<ShutdownDrain>((host, drain) =>
        {
            var needed = drain.Drain + TimeSpan.FromSeconds(25);
            if (host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });
        return services;
    }
}
