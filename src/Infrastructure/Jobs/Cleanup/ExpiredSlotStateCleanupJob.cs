using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Cleanup;

/// <summary>
/// Every minute: deletes expired SQL slot locks and selections (fallback mode leftovers). Redis keys need no job:
/// they expire by TTL. Idempotent; instances racing each other only delete the same expired rows once.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class ExpiredSlotStateCleanupJob(ExpiredSlotStatePurger purger, TimeProvider clock, ILogger<ExpiredSlotStateCleanupJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Delete expired slot locks and selections")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var removed = await purger.PurgeAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (removed > 0)
            logger.LogInformation("Removed {Count} expired slot locks/selections in {ElapsedMs} ms", removed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
