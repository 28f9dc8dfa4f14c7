using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Application.Slots.WatchSlotDay;

/// <summary>
/// One read of a day for the slot streams: every live selection and lock with its client (each stream leaves its own
/// visitor's out), the booked starts, and where slot state is served from.
/// </summary>
public sealed record SlotDayView(
    IReadOnlyList<SlotSelectionState> Selections,
    IReadOnlyList<SlotLockState> Locks,
    IReadOnlyList<TimeOnly> BookedStarts,
    StorageMode Mode,
    bool RedisAvailable,
    int HeartbeatIntervalMs)
{
    /// <summary>The day as the heartbeat would answer <paramref name="clientId"/>: the same shape, the caller's own holds left out.</summary>
    public HeartbeatSnapshot SnapshotFor(string clientId, DateTime serverTimeUtc) => new(
        Selections.Where(s => s.ClientId != clientId).Select(s => s.Time).Distinct().Order().Select(Formats.ToText).ToList(),
        BookedStarts.Select(Formats.ToText).ToList(),
        Locks.Where(l => l.OwnerClientId != clientId).Select(l => l.Slot.Time).Distinct().Order().Select(Formats.ToText).ToList(),
        RedisAvailable ? "available" : "unavailable",
        StorageModeText.Of(Mode),
        HeartbeatIntervalMs,
        serverTimeUtc);
}
