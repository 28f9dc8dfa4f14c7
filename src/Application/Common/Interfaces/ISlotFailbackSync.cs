using AppointEase.Application.Slots.SyncFailback;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Moves slot holds written to SQL during a Redis outage back into Redis (keeping token and remaining TTL) and deletes
/// them from SQL. Without Redis configured it does nothing.
/// </summary>
public interface ISlotFailbackSync
{
    Task<FailbackReport> SyncAsync(CancellationToken cancellationToken);
}
