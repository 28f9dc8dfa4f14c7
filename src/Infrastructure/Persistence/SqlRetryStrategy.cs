using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// The retry policy of the unit of work: deadlock victims and transient faults (<see cref="FaultClassifier"/>) are
/// run again after a short, fully jittered, exponentially growing pause, within a small time budget so a request
/// still answers quickly. An unreachable server is retried when it failed at once (a dead pooled connection, a killed
/// connection, a refused connect: worth another try on a fresh connection); a failure that waited out a connect or
/// command timeout (a frozen server) is not — the request answers 503 within its budget instead of waiting out another.
/// Created per unit of work, never set as the context's strategy: a retrying context strategy would make EF buffer
/// every streamed query (the CSV export) in memory. See docs/decisions/073-one-unit-of-work-and-retry-path.md.
/// </summary>
internal sealed class SqlRetryStrategy(ExecutionStrategyDependencies dependencies, TimeProvider clock, AppointEaseMetrics? metrics = null,
    TimeSpan? budget = null)
    : ExecutionStrategy(dependencies, MaxRetries, MaxDelay)
{
    /// <summary>Enough for a hot slot raced by many instances: each deadlock round leaves one winner.</summary>
    public const int MaxRetries = 6;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>No new attempt starts after this long: the answer (success or 503) stays well inside 2 s.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1200);

    /// <summary>
    /// SQLite (embedded mode) has one writer at a time and no server to be down: a unit that lost its snapshot or
    /// waited for the writer lock may try again for longer.
    /// </summary>
    public static readonly TimeSpan SqliteBudget = TimeSpan.FromSeconds(8);

    private readonly TimeSpan _budget = budget ?? Budget;

    private readonly long _started = clock.GetTimestamp();

    /// <summary>
    /// False although this strategy does retry: EF Core reads the flag of the running strategy to decide whether a query
    /// compiled inside it buffers its whole result before the first row (so a retry of that one query could replay it).
    /// Here a failure anywhere in the unit re-runs the whole unit, so buffering only copied every row and read every
    /// column name again (2.2 % of the bytes of booking and cancelling under load, decision 154). The flag's other use,
    /// refusing to start while a transaction is already open, does not apply: the unit of work runs nested units inline
    /// and opens its own.
    /// </summary>
    public override bool RetriesOnFailure => false;

    /// <summary>The server did not answer within a timeout: no retry, and no rollback round trip that would wait again.</summary>
    public static bool GivesUpOn(Exception exception) =>
        FaultClassifier.Sql(exception) == DataFault.Unavailable && FaultClassifier.TimedOut(exception);

    protected override bool ShouldRetryOn(Exception exception) => FaultClassifier.Sql(exception) switch
    {
        DataFault.Deadlock or DataFault.Transient => true,
        DataFault.Unavailable => !FaultClassifier.TimedOut(exception),
        _ => false,
    };

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        if (ExceptionsEncountered.Count > MaxRetryCount) return null;
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, ExceptionsEncountered.Count - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        if (clock.GetElapsedTime(_started) + delay > _budget) return null;
        metrics?.DatabaseRetry(FaultClassifier.Sql(lastException) == DataFault.Deadlock
            ? DatabaseRetryReasons.LockConflict
            : DatabaseRetryReasons.Transient);
        return delay;
    }
}
