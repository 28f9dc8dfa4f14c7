using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.UnitTests.Common.Harness;

/// <summary>Slot state in memory, on the test's clock; enough of the store contract for the use cases above it.</summary>
public sealed class FakeSlotStore(TimeProvider clock) : ISlotStateStore
{
    public Dictionary<SlotKey, SlotLockState> Locks { get; } = [];
    public List<(SlotKey Slot, string Client, DateTime ExpiresUtc)> Selections { get; } = [];
    public List<SlotKey> Cleared { get; } = [];
    public List<HoldQuota?> Quotas { get; } = [];
    public bool RefuseHeartbeats { get; set; }
    public TimeSpan? QuotaRetryAfter { get; set; }

    /// <summary>When set, a heartbeat stays in flight until the test completes it (like a Redis reply still on its way).</summary>
    public TaskCompletionSource? HeartbeatInFlight { get; set; }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public ValueTask<SelectOutcome> SelectAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (Locks.TryGetValue(slot, out var held) && held.OwnerClientId != client.Value) return ValueTask.FromResult(SelectOutcome.LockedByOther);
        Selections.RemoveAll(s => s.Client == client.Value && s.Slot.Date == slot.Date && s.Slot.EmployeeId == slot.EmployeeId);
        Selections.Add((slot, client.Value, Now + ttl));
        return ValueTask.FromResult(SelectOutcome.Selected);
    }

    public ValueTask DeselectAsync(SlotKey slot, ClientId client, CancellationToken cancellationToken)
    {
        Selections.RemoveAll(s => s.Slot == slot && s.Client == client.Value);
        return ValueTask.CompletedTask;
    }

    public ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        LockAsync(slot, client, ttl, null, cancellationToken);

    public ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, HoldQuota? quota, CancellationToken cancellationToken)
    {
        Quotas.Add(quota);
        if (Locks.TryGetValue(slot, out var held)) return ValueTask.FromResult(new LockOutcome(null, held.ExpiresUtc, held));
        if (QuotaRetryAfter is { } retry) return ValueTask.FromResult(LockOutcome.QuotaReached(Now, retry));
        var token = LockToken.New(slot);
        Locks[slot] = new SlotLockState(slot, client.Value, token.Secret, Now + ttl);
        return ValueTask.FromResult(new LockOutcome(token, Now + ttl, null));
    }

    public ValueTask<bool> ReleaseLockAsync(LockToken token, ClientId client, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Locks.TryGetValue(token.Slot, out var held) && held.IsOwnedBy(token, client) && Locks.Remove(token.Slot));

    public ValueTask<DateTime?> RefreshLockAsync(LockToken token, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DateTime?>(null);

    public ValueTask ClearLockAsync(SlotKey slot, CancellationToken cancellationToken)
    {
        Cleared.Add(slot);
        Locks.Remove(slot);
        return ValueTask.CompletedTask;
    }

    public ValueTask<SlotLockState?> GetLockAsync(SlotKey slot, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Locks.GetValueOrDefault(slot));

    public ValueTask<DaySlotState> GetDayStateAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Day(date, employeeId));

    public async ValueTask<HeartbeatOutcome> HeartbeatAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime, TimeSpan selectionTtl,
        RateLimitRule limit, CancellationToken cancellationToken)
    {
        if (HeartbeatInFlight is { } inFlight) await inFlight.Task;
        if (RefuseHeartbeats) return HeartbeatOutcome.Refused(new RateLimitDecision(false, limit.PermitLimit + 1, TimeSpan.FromSeconds(3)));
        if (selectedTime is { } time) _ = SelectAsync(new SlotKey(date, employeeId, time), client, selectionTtl, cancellationToken);
        return HeartbeatOutcome.Served(Day(date, employeeId), new RateLimitDecision(true, 1, TimeSpan.FromSeconds(1)));
    }

    private DaySlotState Day(DateOnly date, int employeeId) =>
        new(Selections.Where(s => s.Slot.Date == date && s.Slot.EmployeeId == employeeId && s.ExpiresUtc > Now)
                .Select(s => new SlotSelectionState(s.Slot.Time, s.Client, s.ExpiresUtc)).ToList(),
            Locks.Values.Where(l => l.Slot.Date == date && l.Slot.EmployeeId == employeeId && l.ExpiresUtc > Now).ToList());
}
