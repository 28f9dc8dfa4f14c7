namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Idempotency keys backed by a unique key in the database. <see cref="BeginAsync"/> inserts an in-flight row in its own
/// short transaction, so the insert (not a prior read) decides which of two concurrent requests owns a key;
/// <see cref="CompleteAsync"/> stores the response inside the caller's business transaction, so a key is completed
/// exactly when the business change commits.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyStart> BeginAsync(string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Marks the owned key completed in the current transaction; false when the ticket no longer owns the key.</summary>
    Task<bool> CompleteAsync(IdempotencyTicket ticket, int status, string body, CancellationToken cancellationToken);

    /// <summary>
    /// Frees an owned in-flight key after a failure so the client may retry with it; best effort, never throws. With
    /// <paramref name="databaseFailed"/> the request is failing because the database does not answer: the release then
    /// waits only briefly and goes on in the background, so the 503 is not delayed by a second timeout.
    /// </summary>
    Task AbandonAsync(IdempotencyTicket ticket, bool databaseFailed = false);
}

public enum IdempotencyState
{
    /// <summary>This request owns the key and should do the work.</summary>
    Started,
    /// <summary>The same request already completed: return the stored response.</summary>
    Replay,
    /// <summary>The same key is being processed by another request right now.</summary>
    InFlight,
    /// <summary>The key was used with a different request body.</summary>
    Mismatch,
}

public sealed record IdempotencyTicket(string Key, string Owner);

public sealed record IdempotencyStart(IdempotencyState State, IdempotencyTicket? Ticket = null, int? Status = null, string? Body = null);
