namespace AppointEase.Application.Slots;

public sealed record SelectionDto(int ExpiresInSeconds);

public sealed record SlotLockDto(string LockToken, DateTime ExpiresAt);

/// <summary>
/// What one heartbeat sees of a day: others' selections and locks (the caller's own are left out), booked starts, and
/// where slot state is served from. Times are HH:mm, sorted.
/// </summary>
public sealed record HeartbeatSnapshot(
    IReadOnlyList<string> ActiveSelections,
    IReadOnlyList<string> BookedSlots,
    IReadOnlyList<string> LockedSlots,
    string RedisStatus,
    string StorageMode,
    int HeartbeatIntervalMs,
    DateTime ServerTime);
