namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Moves slot holds written to SQL during a Redis outage back into Redis (keeping token and remaining TTL) and deletes
/// them from SQL. Without Redis configured it does nothing.
/// </summary>
public interface ISlotFailbackSync
{
    Task<FailbackReport> SyncAsync(CancellationToken cancellationToken);
}

/// <summary>Copied: holds now in Redis. Conflicts: SQL holds that met a different Redis hold (the earlier one won). Deleted: SQL rows removed.</summary>
public sealed record FailbackReport(int Copied, int Conflicts, int Deleted, long ElapsedMs)
{
    public static readonly FailbackReport Nothing = new(0, 0, 0, 0);
}
