using AppointEase.Application.Common.Interfaces;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Purges;

/// <summary>
/// Runs every registered <see cref="IExpiredDataPurger"/> (idempotency keys, OTPs, sessions, sent mail …): each feature
/// registers its own, this job knows none of their tables. One failing purger does not stop the others; the job then
/// fails with every purger's exception, so the dashboard shows it and <see cref="JobFailureLoggingFilter"/> logs it
/// once (a line per purger as well would report one fault twice).
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class ExpiredDataPurgeJob(IEnumerable<IExpiredDataPurger> purgers, TimeProvider clock, ILogger<ExpiredDataPurgeJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Purge expired data")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failures = new List<(string Purger, Exception Error)>();
        foreach (var purger in purgers)
        {
            try
            {
                var removed = await purger.PurgeAsync(now, cancellationToken);
                if (removed > 0) logger.LogInformation("Purged {Count} expired {Purger} rows", removed, purger.Name);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add((purger.Name, ex));
            }
        }
        if (failures.Count > 0)
            throw new AggregateException($"Purgers failed: {string.Join(", ", failures.Select(f => f.Purger))}.", failures.Select(f => f.Error));
    }
}
