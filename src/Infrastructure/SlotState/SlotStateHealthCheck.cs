using AppointEase.Application.Common.Interfaces;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>
/// Reports Redis and the storage mode. A Redis outage is Degraded, not Unhealthy: slot state is served from SQL, so the
/// instance stays ready and keeps taking traffic.
/// </summary>
internal sealed class SlotStateHealthCheck(IStoreStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["redis"] = !status.RedisConfigured ? "not-configured" : status.RedisAvailable ? "available" : "unavailable",
            ["storageMode"] = StorageModeText.Of(status.Mode),
        };
        var result = status.RedisConfigured && !status.RedisAvailable
            ? HealthCheckResult.Degraded("Redis unavailable; slot state served from SQL", data: data)
            : HealthCheckResult.Healthy($"slot state served from {data["storageMode"]}", data);
        return Task.FromResult(result);
    }
}
