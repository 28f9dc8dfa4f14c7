using System.Globalization;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.Redis;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Slot state in Redis: every operation is one Lua script (one round trip, atomic). Connection errors and timeouts
/// propagate as <see cref="RedisConnectionException"/>/<see cref="RedisTimeoutException"/>; the failover store catches them.
/// </summary>
public sealed class RedisSlotStateStore(RedisConnection connection, TimeProvider clock) : ISlotStateStore
{
    /// <summary>The failure is a Redis outage (fail over), not a bug that must surface.</summary>
    internal bool IsOutage(Exception exception) => connection.IsOutage(exception);

    public RedisSlotKeys Keys { get; } = new(connection.Options.KeyPrefix);

    public async ValueTask<SelectOutcome> SelectAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var result = await EvalAsync(SlotScripts.Select,
            [Keys.Lock(slot), Keys.Active(slot.Date, slot.EmployeeId)],
            [client.Value, slot.TimeText, Ms(ttl), Channel(slot)]);
        return (int)result == 1 ? SelectOutcome.Selected : SelectOutcome.LockedByOther;
    }

    public async ValueTask DeselectAsync(SlotKey slot, ClientId client, CancellationToken cancellationToken) =>
        await EvalAsync(SlotScripts.Deselect, [Keys.Active(slot.Date, slot.EmployeeId)], [client.Value, slot.TimeText, Channel(slot)]);

    public ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        LockAsync(slot, client, ttl, null, cancellationToken);

    /// <summary>
    /// With a quota: reserve the hold in the network's sorted set first (atomic check-and-add), then take the lock, and
    /// give the reservation back when the lock was not taken. Reserving first means the cap is never exceeded, even
    /// for a moment; a crash between the steps only leaves a reservation that lapses with the lock TTL (decision 084).
    /// </summary>
    public async ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, HoldQuota? quota, CancellationToken cancellationToken)
    {
        if (quota is null) return await TakeLockAsync(slot, client, ttl, holder: null);
        RedisKey[] holds = HoldKeys(quota.Network, client.Value);
        string? reserved = HoldMember(client.Value, slot);
        var reservation = (RedisResult[])(await EvalAsync(SlotScripts.ReserveHold, holds,
            [reserved, Ms(ttl), quota.PerClient, quota.PerNetwork]))!;
        switch ((int)reservation[0])
        {
            case 0:
                return LockOutcome.QuotaReached(clock.GetUtcNow().UtcDateTime, TimeSpan.FromMilliseconds((long)reservation[1]));
            case 2:
                reserved = null; // this client already counts a hold on this slot (a retry): nothing to give back
                break;
        }
        var outcome = await TakeLockAsync(slot, client, ttl, $"{quota.Network}|{client.Value}");
        if (!outcome.Acquired && reserved is not null)
            await EvalAsync(SlotScripts.DropHold, holds, [reserved]);
        return outcome;
    }

    private async ValueTask<LockOutcome> TakeLockAsync(SlotKey slot, ClientId client, TimeSpan ttl, string? holder)
    {
        var token = LockToken.New(slot);
        RedisKey[] keys = [Keys.Lock(slot), Keys.LockIndex(slot.Date, slot.EmployeeId)];
        RedisValue[] args = [client.Value, token.Secret, Ms(ttl), slot.TimeText, Channel(slot)];
        if (holder is not null)
        {
            keys = [.. keys, Keys.Holders(slot.Date, slot.EmployeeId)];
            args = [.. args, holder];
        }
        var result = (RedisResult[])(await EvalAsync(SlotScripts.Lock, keys, args))!;
        var now = FromMs((long)result[1]);
        if ((int)result[0] == 1)
            return new LockOutcome(token, now + ttl, null);
        var held = ParseLock(slot, (string?)result[2], now, (long)result[3]);
        return held is null
            ? await TakeLockAsync(slot, client, ttl, holder) // expired between SET NX and GET: cannot happen inside one script, kept for safety
            : new LockOutcome(null, held.ExpiresUtc, held);
    }

    public async ValueTask<bool> ReleaseLockAsync(LockToken token, ClientId client, CancellationToken cancellationToken)
    {
        var slot = token.Slot;
        var result = (RedisResult[])(await EvalAsync(SlotScripts.Release,
            [Keys.Lock(slot), Keys.LockIndex(slot.Date, slot.EmployeeId), Keys.Holders(slot.Date, slot.EmployeeId)],
            [$"{client.Value}|{token.Secret}|", slot.TimeText, Channel(slot)]))!;
        if ((int)result[0] != 1) return false;
        await GiveHoldBackAsync(slot, (string?)result[1]);
        return true;
    }

    /// <summary>The network's sorted set has its own hash tag, so the hold goes back in a second call after the release.</summary>
    private async ValueTask GiveHoldBackAsync(SlotKey slot, string? holder)
    {
        var separator = holder?.IndexOf('|') ?? -1;
        if (separator <= 0) return;
        var client = holder![(separator + 1)..];
        await EvalAsync(SlotScripts.DropHold, HoldKeys(holder[..separator], client), [HoldMember(client, slot)]);
    }

    private string HoldMember(string client, SlotKey slot) => $"{client}|{Keys.Lock(slot)}";

    private RedisKey[] HoldKeys(string network, string client) => [Keys.Holds(network), Keys.ClientHolds(network, client)];

    public async ValueTask<DateTime?> RefreshLockAsync(LockToken token, ClientId client, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var slot = token.Slot;
        var expires = (long)await EvalAsync(SlotScripts.Refresh,
            [Keys.Lock(slot), Keys.LockIndex(slot.Date, slot.EmployeeId)],
            [$"{client.Value}|{token.Secret}|", Ms(ttl), slot.TimeText]);
        return expires > 0 ? FromMs(expires) : null;
    }

    public async ValueTask ClearLockAsync(SlotKey slot, CancellationToken cancellationToken)
    {
        var holder = (string?)await EvalAsync(SlotScripts.Clear,
            [Keys.Lock(slot), Keys.LockIndex(slot.Date, slot.EmployeeId), Keys.Holders(slot.Date, slot.EmployeeId)],
            [slot.TimeText, Channel(slot)]);
        await GiveHoldBackAsync(slot, holder);
    }

    public async ValueTask<SlotLockState?> GetLockAsync(SlotKey slot, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await EvalAsync(SlotScripts.GetLock, [Keys.Lock(slot)], []))!;
        return ParseLock(slot, (string?)result[1], FromMs((long)result[0]), (long)result[2]);
    }

    public async ValueTask<DaySlotState> GetDayStateAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) =>
        ParseDay(date, employeeId, (RedisResult[])(await EvalDayAsync(DayKeys(date, employeeId), []))!);

    /// <summary>
    /// The heartbeat and its per-client count in ONE script call. The window comes from this instance's clock, like
    /// <see cref="RedisRateLimiter"/> and <see cref="SqlRateLimiter"/>: the counter key must be passed in KEYS (cluster
    /// rule) and carries the window start, and a failover to SQL then counts in the same epoch-aligned windows.
    /// </summary>
    public async ValueTask<HeartbeatOutcome> HeartbeatAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime,
        TimeSpan selectionTtl, RateLimitRule limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = RateLimitBuckets.WindowAt(now, limit.Window);
        var counter = Keys.HeartbeatCounter(date, employeeId, client, RateLimitBuckets.UnixMs(start));
        RedisKey[] keys = [.. DayKeys(date, employeeId), counter];
        RedisValue[] args = [client.Value, limit.PermitLimit, RateLimitBuckets.RedisTtlMs(now, end)];
        if (selectedTime is { } time)
        {
            var slot = new SlotKey(date, employeeId, time);
            keys = [.. keys, Keys.Lock(slot)];
            args = [.. args, slot.TimeText, Ms(selectionTtl)];
        }
        var result = (RedisResult[])(await EvalDayAsync(keys, args))!;
        var decision = RateLimitBuckets.Decide(limit, (long)result[3], now, end);
        return decision.Allowed ? HeartbeatOutcome.Served(ParseDay(date, employeeId, result), decision) : HeartbeatOutcome.Refused(decision);
    }

    private RedisKey[] DayKeys(DateOnly date, int employeeId) => [Keys.Active(date, employeeId), Keys.LockIndex(date, employeeId)];

    private Task<RedisResult> EvalDayAsync(RedisKey[] keys, RedisValue[] args) => EvalAsync(SlotScripts.DayState, keys, args);

    private static DaySlotState ParseDay(DateOnly date, int employeeId, RedisResult[] result)
    {
        var selectionFields = (RedisResult[])result[1]!;
        var lockFields = (RedisResult[])result[2]!;
        var selections = new List<SlotSelectionState>(selectionFields.Length / 2);
        for (var i = 0; i + 1 < selectionFields.Length; i += 2)
        {
            var parts = ((string)selectionFields[i + 1]!).Split('|');
            if (parts.Length == 2 && TryTime(parts[0], out var time) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var expires))
                selections.Add(new SlotSelectionState(time, (string)selectionFields[i]!, FromMs(expires)));
        }
        var locks = new List<SlotLockState>(lockFields.Length / 2);
        for (var i = 0; i + 1 < lockFields.Length; i += 2)
        {
            var parts = ((string)lockFields[i + 1]!).Split('|');
            if (parts.Length == 3 && TryTime((string)lockFields[i]!, out var time) && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires))
                locks.Add(new SlotLockState(new SlotKey(date, employeeId, time), parts[0], parts[1], FromMs(expires)));
        }
        return new DaySlotState(selections, locks);
    }

    internal Task<RedisResult> EvalAsync(RedisScript script, RedisKey[] keys, RedisValue[] args) =>
        script.EvaluateAsync(connection.Database, keys, args);

    private RedisValue Channel(SlotKey slot) => Keys.ChannelName(slot.Date, slot.EmployeeId);

    private static SlotLockState? ParseLock(SlotKey slot, string? value, DateTime now, long pttlMs)
    {
        if (value is null || pttlMs <= 0) return null;
        var parts = value.Split('|');
        return parts.Length == 3 ? new SlotLockState(slot, parts[0], parts[1], now.AddMilliseconds(pttlMs)) : null;
    }

    internal static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    internal static DateTime FromMs(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs);

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
