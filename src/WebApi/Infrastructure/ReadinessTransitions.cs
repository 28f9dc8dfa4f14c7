using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// One log line per readiness state change of each check (database, slotState, jobs, shutdown), instead of the health
/// service's warning with a stack trace on every probe: a load balancer probing every 2 s during a Redis outage used to
/// write 30 traces a minute. A check that turns Degraded or Unhealthy is logged once as a warning with its exception
/// message; its return to Healthy once as information. The first state seen at start is logged only if not Healthy.
/// </summary>
internal sealed class ReadinessTransitions(ILogger<ReadinessTransitions> logger)
{
    /// <summary>The framework's per-probe log category, silenced in favour of this class (see AddWebApi).</summary>
    public const string HealthServiceCategory = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private readonly ConcurrentDictionary<string, HealthStatus> _last = new();

    public void Observe(HealthReport report)
    {
        foreach (var (name, entry) in report.Entries)
        {
            var known = _last.TryGetValue(name, out var previous);
            if (known && previous == entry.Status) continue;
            _last[name] = entry.Status;
            if (entry.Status == HealthStatus.Healthy)
            {
                if (known) logger.LogInformation("Readiness check {Check} is Healthy again ({Description})", name, entry.Description);
                continue;
            }
            logger.LogWarning("Readiness check {Check} is {Status}: {Description}{Error}", name, entry.Status, entry.Description,
                entry.Exception is { } ex ? $" ({ex.GetType().Name}: {ex.GetBaseException().Message})" : "");
        }
    }
}
