namespace AppointEase.Application.Common.Interfaces;

/// <summary>Lets handlers that rely on database constraints recognise them without knowing the provider.</summary>
public interface IPersistenceErrors
{
    /// <summary>A unique-key violation; with <paramref name="keyHint"/>, only one whose message names that column or index.</summary>
    bool IsUniqueViolation(Exception exception, string? keyHint = null);

    /// <summary>
    /// The database chose this transaction as a deadlock victim (or a lock wait timed out): nothing was written and
    /// running the transaction again is the documented remedy. Concurrent inserts of one unique key produce these.
    /// </summary>
    bool IsRetryableLockConflict(Exception exception);

    /// <summary>An optimistic-concurrency conflict (the row changed since it was read).</summary>
    bool IsConcurrencyConflict(Exception exception);

    /// <summary>Forgets entities the failed attempt added or changed, so nothing half-done is saved later in the scope.</summary>
    void DiscardTrackedChanges();
}
