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
        JobStorageInventory inventory;
        try
        {
            await JobStorageProbe.EnsureReachableAsync(storageFactory.Storage, ProbeTimeout, cancellationToken);
            inventory = await Task.Run(() => JobStorageInventory.Read(storageFactory.Storage), cancellationToken).WaitAsync(ProbeTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Degraded($"{storageFactory.Describe()} unreachable: jobs paused", ex.GetBaseException(), data);
        }
        if (server.State == JobServerState.WaitingForStorage)
            return HealthCheckResult.Degraded($"{storageFactory.Describe()} reachable, job server starting", data: data);
        data["servers"] = inventory.ServerCount;
        // Degraded, not Unhealthy: the storage lost its jobs (e.g. Redis restarted empty), not the instance its ability
        // to serve; Unhealthy would take every instance out of the load balancer at once (decision 082).
        if (inventory.MissingRecurringJobs.Count > 0)
            return HealthCheckResult.Degraded($"recurring jobs missing from {storageFactory.Describe()}: {string.Join(", ", inventory.MissingRecurringJobs)}; re-registering", data: data);
        if (inventory.ServerCount == 0)
            return HealthCheckResult.Degraded($"no job server listed in {storageFactory.Describe()}: jobs do not run", data: data);
        return HealthCheckResult.Healthy($"{storageFactory.Describe()} reachable", data);
    }
}
