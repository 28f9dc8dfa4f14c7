namespace AppointEase.Application.Common.Interfaces;

/// <summary>Lets handlers that rely on database constraints recognise them without knowing the provider.</summary>
public interface IPersistenceErrors
{
    /// <summary>The classification of a SQL failure (see <see cref="DataFault"/>), by exception type and error code.</summary>
    DataFault Classify(Exception exception);

    /// <summary>An optimistic-concurrency conflict (the row changed since it was read).</summary>
    bool IsConcurrencyConflict(Exception exception);

    /// <summary>The failure waited out a connect or command timeout (a frozen or unreachable server), rather than failing at once.</summary>
    bool TimedOut(Exception exception);

    /// <summary>Forgets entities the failed attempt added or changed, so nothing half-done is saved later in the scope.</summary>
    void DiscardTrackedChanges();
}
