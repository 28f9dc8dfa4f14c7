namespace AppointEase.Application.Common.Interfaces;

/// <summary>Lets handlers that rely on database constraints recognise them without knowing the provider.</summary>
public interface IPersistenceErrors
{
    /// <summary>A unique-key violation; with <paramref name="keyHint"/>, only one whose message names that column or index.</summary>
    bool IsUniqueViolation(Exception exception, string? keyHint = null);

    /// <summary>An optimistic-concurrency conflict (the row changed since it was read).</summary>
    bool IsConcurrencyConflict(Exception exception);

    /// <summary>Forgets entities the failed attempt added or changed, so nothing half-done is saved later in the scope.</summary>
    void DiscardTrackedChanges();
}
