using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Business settings on the hot path (every heartbeat and availability call). Implementations may cache briefly;
/// <see cref="Invalidate"/> is called after an admin change on this instance.
/// </summary>
public interface ISettingsProvider
{
    ValueTask<BusinessSettingsSnapshot> GetAsync(CancellationToken cancellationToken);
    void Invalidate();
}

public sealed record BusinessSettingsSnapshot(
    string BusinessName,
    string TimeZoneId,
    SchedulingPolicy Policy,
    int ChangeCutoffMinutes,
    TimeSpan SelectionTtl,
    TimeSpan LockTtl,
    int HeartbeatIntervalMs);
