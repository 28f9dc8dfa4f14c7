namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Idempotency keys backed by a unique key in the database (decisions 011, 127). A booking's answer is
/// <see cref="Record">recorded</see> in the booking's own write batch, so "key used" and "appointment exists" commit
/// together and the unique key, not a prior read, decides between two requests with one key: the second one's write
/// fails (after waiting for the first to commit) and the booking is refused. Only then, or after any other refusal, is
/// the key <see cref="FindAsync">looked up</see>: a refusal may be the answer to a request that already succeeded.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// The committed use of <paramref name="key"/>, read on a connection of its own (the latest committed state, not the
    /// calling transaction's snapshot). <see cref="IdempotencyState.Absent"/> when there is none.
    /// </summary>
    Task<IdempotencyStart> FindAsync(string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Adds the completed use of the key to the current unit of work; written by its next save.</summary>
    void Record(string key, string requestHash, int status, string body);
}

public enum IdempotencyState
{
    /// <summary>No use of the key is committed: the request's own outcome stands.</summary>
    Absent,
    /// <summary>The same request already completed: return the stored response.</summary>
    Replay,
    /// <summary>The key is held by a request still running (written by an earlier version) or by a stale row just freed: retry.</summary>
    InFlight,
    /// <summary>The key was used with a different request body.</summary>
    Mismatch,
}

public sealed record IdempotencyStart(IdempotencyState State, int? Status = null, string? Body = null);
