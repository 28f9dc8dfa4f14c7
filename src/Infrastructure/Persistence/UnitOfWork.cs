using System.Data;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// One transaction per command, run by <see cref="SqlRetryStrategy"/>: a deadlock or transient fault re-runs the whole
/// unit from a clean change tracker, so the work delegate must be safe to repeat (handlers re-read what they need
/// inside it). Work queued with <see cref="RunAfterCommitAsync"/> runs once, after the commit that made it true.
/// </summary>
internal sealed class UnitOfWork(AppDbContext db, TimeProvider clock, AppointEaseMetrics metrics) : IUnitOfWork, IAfterCommit
{
    private const int SqliteUnitLockWaitSeconds = 1;

    private List<Func<Task>>? _afterCommit;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken)
    {
        if (_afterCommit is not null)
            return await work(cancellationToken); // nested: the outer unit commits
        var sqlite = db.Database.GetDbConnection() is SqliteConnection;
        var strategy = new SqlRetryStrategy(db.GetService<ExecutionStrategyDependencies>(), clock, metrics,
            sqlite ? SqlRetryStrategy.SqliteBudget : SqlRetryStrategy.Budget);
        var queued = new List<Func<Task>>();
        // SQLite: a unit that read first and then writes cannot commit over a snapshot another connection has since
        // changed (the email dispatcher, a job); Microsoft.Data.Sqlite would wait out the whole lock timeout for a lock
        // that can never come. A short wait fails such a unit fast, and the retry starts it again on a fresh snapshot.
        var lockWait = db.Database.GetCommandTimeout();
        if (sqlite) db.Database.SetCommandTimeout(SqliteUnitLockWaitSeconds);
        // No automatic savepoints: a refusal rolls the whole unit back, and after a deadlock the server has already
        // rolled back the transaction, so EF's rollback-to-savepoint would fail and hide the deadlock error.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var result = await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                queued.Clear();
                var transaction = await BeginAsync(ct);
                _afterCommit = queued;
                try
                {
                    var value = await work(ct);
                    if (commit(value))
                    {
                        // Most handlers have saved by now (a booking twice, decision 127): a save with nothing to
                        // write would still run the interceptors, look at every tracked entry and detect changes twice.
                        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
                        await transaction.CommitAsync(ct);
                    }
                    else
                    {
                        await transaction.RollbackAsync(ct);
                        db.ChangeTracker.Clear();
                        queued.Clear();
                    }
                    await transaction.DisposeAsync();
                    return value;
                }
                catch (Exception ex)
                {
                    db.ChangeTracker.Clear();
                    // A rollback is one more round trip; to a frozen server it waits out another command timeout. When
                    // the unit gives up on an unanswering server, the transaction goes with the pooled context after the
                    // 503 is sent (the server rolls back a transaction whose connection is gone anyway).
                    if (!SqlRetryStrategy.GivesUpOn(ex)) await transaction.DisposeAsync();
                    throw;
                }
                finally
                {
                    _afterCommit = null;
                }
            }, cancellationToken);
            foreach (var action in queued)
                await action();
            return result;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            if (sqlite) db.Database.SetCommandTimeout(lockWait);
        }
    }

    /// <summary>
    /// SQLite's default BEGIN IMMEDIATE takes the database's write lock at once; a command that writes through a second
    /// connection meanwhile (the idempotency key, committed on its own so concurrent duplicates see it) would then wait
    /// for its own request. Microsoft.Data.Sqlite begins a deferred transaction for ReadUncommitted (which without a
    /// shared cache reads exactly as before): the lock is taken at the first write, like MariaDB's row locks.
    /// </summary>
    private Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) =>
        db.Database.GetDbConnection() is SqliteConnection
            ? db.Database.BeginTransactionAsync(IsolationLevel.ReadUncommitted, cancellationToken)
            : db.Database.BeginTransactionAsync(cancellationToken);

    public Task RunAfterCommitAsync(Func<Task> action)
    {
        if (_afterCommit is null) return action();
        _afterCommit.Add(action);
        return Task.CompletedTask;
    }
}
