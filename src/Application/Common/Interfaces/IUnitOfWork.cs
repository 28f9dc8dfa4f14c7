namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// The one transaction and retry path for SQL writes. Only <c>TransactionBehavior</c> calls it (an architecture test
/// keeps handlers from opening their own): the whole handler runs inside one transaction, re-run from the start when
/// the database reports a deadlock or another transient fault (so handlers re-read what they need inside it).
/// </summary>
public interface IUnitOfWork
{
    /// <summary>Runs <paramref name="work"/> in one transaction; commits when <paramref name="commit"/> says so, rolls back otherwise.</summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken);
}

/// <summary>
/// Work that must only happen once the data is durable (drop caches, release holds, announce changes): queued while
/// a unit of work is open and run after its commit (dropped after a rollback); run at once when none is open.
/// </summary>
public interface IAfterCommit
{
    Task RunAfterCommitAsync(Func<Task> action);
}
