using AppointEase.Infrastructure.Jobs.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppointEase.Infrastructure.Jobs;

/// <summary>
/// Job storage state for /health/ready. Unreachable storage is Degraded, not Unhealthy: requests are still served
/// (ready stays 200), only background jobs pause until the storage is back.
/// </summary>
internal sealed class JobStorageHealthCheck(JobStorageFactory storageFactory, JobServerHost server) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["storage"] = storageFactory.Kind.ToString(),
            ["server"] = server.State.ToString(),
        };
        try
        {
            await JobStorageProbe.EnsureReachableAsync(storageFactory.Storage, ProbeTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{storageFactory.Describe()} unreachable: jobs paused", ex.GetBaseException(), data);
        }
        return server.State == JobServerState.WaitingForStorage
            ? HealthCheckResult.Degraded($"{storageFactory.Describe()} reachable, job server starting", data: data)
            : HealthCheckResult.Healthy($"{storageFactory.Describe()} reachable", data);
    }
}
