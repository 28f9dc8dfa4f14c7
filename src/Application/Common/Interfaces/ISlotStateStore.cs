using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Ephemeral slot state: who is looking at a slot (selections, short TTL) and who is checking out (locks, long TTL).
/// Implemented on Redis, on SQL, and by a failover store that switches between them.
/// </summary>
public interface ISlotStateStore
{
    /// <summary>Marks the slot as looked at by the client, replacing the client's previous selection on that day and employee.</summary>
    ValueTask<SelectOutcome> SelectAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken);

    ValueTask DeselectAsync(SlotKey slot, ClientId client, CancellationToken cancellationToken);

    /// <summary>Takes the slot's lock unless another client holds a live one (SET NX semantics).</summary>
    ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        LockAsync(slot, client, ttl, null, cancellationToken);

    /// <summary>
    /// Takes the slot's lock unless another client holds a live one, and, with a <paramref name="quota"/>, only while the
    /// client and its network hold fewer live locks than the quota allows: the count and the take are one atomic step,
    /// so concurrent requests can never together exceed it (decision 084). Refused by the quota:
    /// <see cref="LockOutcome.QuotaRetryAfter"/> is set.
    /// </summary>
    ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, HoldQuota? quota, CancellationToken cancellationToken);

    /// <summary>Compare-and-delete: only the exact token (and its owner) releases the lock.</summary>
    ValueTask<bool> ReleaseLockAsync(LockToken token, ClientId client, CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-set: extends the lock to <paramref name="ttl"/> from now, only for the exact token and its owner.
    /// Returns the new expiry, or null when the lock is not (or no longer) theirs.
    /// </summary>
    ValueTask<DateTime?> RefreshLockAsync(LockToken token, ClientId client, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Releases whatever lock is on the slot (after a booking commits the lock has served its purpose).</summary>
    ValueTask ClearLockAsync(SlotKey slot, CancellationToken cancellationToken);

    ValueTask<SlotLockState?> GetLockAsync(SlotKey slot, CancellationToken cancellationToken);

    /// <summary>All live selections and locks of one day and employee, in one round trip.</summary>
    ValueTask<DaySlotState> GetDayStateAsync(DateOnly date, int employeeId, CancellationToken cancellationToken);

    /// <summary>
    /// The heartbeat: counts one hit of <paramref name="limit"/> for the client on this day and employee; within the
    /// limit it optionally refreshes the client's selection (same rules as <see cref="SelectAsync"/>, a slot locked by
    /// another is simply not selected) and returns the day's state, all in one round trip (one Redis script, or one SQL
    /// command that also returns the day's bookings, decisions 065–066). Over the limit it changes nothing and returns
    /// the refusal (decision 025).
    /// </summary>
    ValueTask<HeartbeatOutcome> HeartbeatAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime, TimeSpan selectionTtl,
        RateLimitRule limit, CancellationToken cancellationToken);
}

public enum SelectOutcome
{
    Selected,
    LockedByOther,
}

public sealed record LockOutcome(LockToken? Token, DateTime ExpiresUtc, SlotLockState? HeldBy)
{
    public bool Acquired => Token is not null;

    /// <summary>Set when the hold quota refused the lock: when the caller's oldest live hold ends (at least 1 s).</summary>
    public TimeSpan? QuotaRetryAfter { get; init; }

    public static LockOutcome QuotaReached(DateTime nowUtc, TimeSpan retryAfter) =>
        new(null, nowUtc, null) { QuotaRetryAfter = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter };
}

/// <summary>
/// The live-hold caps a lock is taken under: <paramref name="Network"/> is the opaque network key of the request
/// (<see cref="IRequestOrigin"/>); at most <paramref name="PerClient"/> live locks for the client id (within that network)
/// and <paramref name="PerNetwork"/> for the network.
/// </summary>
public sealed record HoldQuota(string Network, int PerClient, int PerNetwork);

public sealed record SlotLockState(SlotKey Slot, string OwnerClientId, string Secret, DateTime ExpiresUtc)
{
    public bool IsOwnedBy(LockToken token, ClientId client) =>
        token.Slot == Slot && token.Secret == Secret && client.Value == OwnerClientId;
}

public sealed record SlotSelectionState(TimeOnly Time, string ClientId, DateTime ExpiresUtc);

/// <summary>A heartbeat's answer: the day's state when the client is within its limit, else only the refusal.</summary>
public sealed record HeartbeatOutcome
{
    private HeartbeatOutcome(DaySlotState? day, RateLimitDecision limit)
    {
        Day = day;
        Limit = limit;
    }

    public DaySlotState? Day { get; }
    public RateLimitDecision Limit { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Day))]
    public bool Allowed => Day is not null;

    public static HeartbeatOutcome Served(DaySlotState day, RateLimitDecision limit) => new(day, limit);
    public static HeartbeatOutcome Refused(RateLimitDecision limit) => new(null, limit);
}

public sealed record DaySlotState(IReadOnlyList<SlotSelectionState> Selections, IReadOnlyList<SlotLockState> Locks)
{
    public static readonly DaySlotState Empty = new([], []);

    /// <summary>
    /// The employee's confirmed bookings overlapping <see cref="BookingsWindowUtc"/>, when the store read them in the
    /// heartbeat's own round trip (SQL mode), else null. With them the heartbeat needs no bookings query of its own.
    /// </summary>
    public IReadOnlyList<ConfirmedBooking>? Bookings { get; init; }

    /// <summary>
    /// The UTC range a store reads <see cref="Bookings"/> for: from two days before the date to three days after. It
    /// holds the local day in every time zone (UTC−12 to UTC+14) plus the day of margin the schedule reader adds for
    /// buffers that spill over midnight, so a day plan built from it sees the bookings a schedule query would.
    /// </summary>
    public static (DateTime FromUtc, DateTime ToUtc) BookingsWindowUtc(DateOnly date) =>
        (date.AddDays(-2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), date.AddDays(3).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
}

/// <summary>A confirmed booking as stored: its times and its service's buffers.</summary>
public readonly record struct ConfirmedBooking(DateTime StartUtc, DateTime EndUtc, int BufferBeforeMinutes, int BufferAfterMinutes)
{
    /// <summary>The time the employee is taken, buffers included.</summary>
    public BusyInterval Busy => new(
        DateTime.SpecifyKind(StartUtc, DateTimeKind.Utc).AddMinutes(-BufferBeforeMinutes),
        DateTime.SpecifyKind(EndUtc, DateTimeKind.Utc).AddMinutes(BufferAfterMinutes));
}
