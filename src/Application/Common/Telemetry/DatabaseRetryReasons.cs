namespace AppointEase.Application.Common.Telemetry;

/// <summary>
/// The <c>reason</c> tag of <c>appointease.database.retries</c>: the error classes a unit of work is retried for.
/// A retry path passes the class it switched on (see <see cref="Interfaces.IPersistenceErrors"/>), never a message.
/// </summary>
public static class DatabaseRetryReasons
{
    /// <summary>InnoDB deadlock victim or lock-wait timeout.</summary>
    public const string LockConflict = "lock_conflict";

    /// <summary>A transient connection or server fault retried by the EF execution strategy.</summary>
    public const string Transient = "transient";
}
