using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;

namespace AppointEase.Application.Appointments;

/// <summary>
/// Re-runs a unit of work that InnoDB chose as a deadlock victim (a victim wrote nothing, so starting over from a fresh
/// read is safe). Bounded: after the last attempt the exception surfaces and becomes a 503.
/// </summary>
internal static class DeadlockRetry
{
    public const int MaxAttempts = 5;

    public static async Task<T> RunAsync<T>(IPersistenceErrors persistence, AppointEaseMetrics metrics, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (Exception ex) when (persistence.IsRetryableLockConflict(ex) && n < MaxAttempts)
            {
                persistence.DiscardTrackedChanges();
                metrics.DatabaseRetry(DatabaseRetryReasons.LockConflict);
                await Task.Delay(Random.Shared.Next(5, 30) * n, cancellationToken);
            }
        }
    }
}
