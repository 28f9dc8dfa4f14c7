using AppointEase.Application.Common.Interfaces;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Purges;

/// <summary>
/// Runs every registered <see cref="IExpiredDataPurger"/> (idempotency keys, OTPs, sessions, sent mail …): each feature
/// registers its own, this job knows none of their tables. One failing purger does not stop the others; the job then
/// fails so the dashboard shows it.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ExpiredDataPurgeJob(IEnumerable<IExpiredDataPurger> purgers, TimeProvider clock, ILogger<ExpiredDataPurgeJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Purge expired data")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failures = new List<Exception>();
        foreach (var purger in purgers)
        {
            try
            {
                var removed = await purger.PurgeAsync(now, cancellationToken);
                if (removed > 0) logger.LogInformation("Purged {Count} expired {Purger} rows", removed, purger.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Purger {Purger} failed", purger.Name);
                failures.Add(ex);
            }
        }
        if (failures.Count > 0) throw new AggregateException("Some purgers failed.", failures);
    }
}
