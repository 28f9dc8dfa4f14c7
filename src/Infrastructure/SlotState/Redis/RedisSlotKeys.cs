using System.Collections.Concurrent;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Key names of slot state. Every key of one day and employee carries the hash tag <c>{yyyy-MM-dd:employee}</c>, so on a
/// Redis Cluster they share one hash slot and a Lua script may touch all of them.
/// </summary>
public sealed class RedisSlotKeys(string prefix)
{
    /// <summary>More (date, employee) pairs than a booking horizon has; past it the memo starts over (decision 143).</summary>
    private const int MaxMemoDays = 20_000;

    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId), DayNames> _days = new();

    public string Prefix => prefix;

    /// <summary>String <c>owner|secret|createdMs</c>, SET NX PX: the lock itself.</summary>
    public RedisKey Lock(SlotKey slot) => Day(slot.Date, slot.EmployeeId).LockStem + slot.TimeText;

    /// <summary>Hash time → <c>owner|secret|expiresMs</c>: the day's locks, so the heartbeat reads them without SCAN.</summary>
    public RedisKey LockIndex(DateOnly date, int employeeId) => Day(date, employeeId).LockIndex;

    /// <summary>
    /// Hash time → <c>network|client</c> of the lock's taker, so a release or a booking gives the hold back to the
    /// taker's <see cref="Holds"/> (decision 084).
    /// </summary>
    public RedisKey Holders(DateOnly date, int employeeId) => Day(date, employeeId).Holders;

    /// <summary>
    /// Sorted set <c>client|lockKey</c> → expiresMs: the live locks taken from one network (the hashed
    /// <c>IRequestOrigin.NetworkKey</c>), hash-tagged by that network so the quota check and add are one script.
    /// It cannot share the day's tag (a network holds locks on many days), which is why reserving a hold and taking the
    /// lock are two atomic steps, reserve first (decision 084).
    /// </summary>
    public RedisKey Holds(string network) => $"{prefix}_holds_{{n:{network}}}";

    /// <summary>One client's share of <see cref="Holds"/>, in the network's hash tag so one script updates both.</summary>
    public RedisKey ClientHolds(string network, string client) => $"{prefix}_holds_{{n:{network}}}_c_{client}";

    /// <summary>Hash clientId → <c>HH:mm|expiresMs</c>: one field per visitor makes "one selection per visitor" structural.</summary>
    public RedisKey Active(DateOnly date, int employeeId) => Day(date, employeeId).Active;

    /// <summary>Cached availability of the day (5 min), dropped whenever a booking changes that day.</summary>
    public RedisKey Availability(DateOnly date, int employeeId) => Day(date, employeeId).Availability;

    /// <summary>
    /// Integer bumped with every drop of <see cref="Availability"/>; the cache is only filled while it still has the value
    /// read with the miss (decision 071). Named apart from <c>_avail_*</c> so the recovery reset's SCAN leaves it alone.
    /// </summary>
    public RedisKey BookingVersion(DateOnly date, int employeeId) => Day(date, employeeId).BookingVersion;

    /// <summary>
    /// Integer, INCR + PEXPIRE inside the heartbeat script: one client's heartbeats on this day and employee in the fixed
    /// window starting at <paramref name="windowStartMs"/>. Scoped to the day's hash tag so the heartbeat stays one
    /// cluster-safe script (decision 025).
    /// </summary>
    public RedisKey HeartbeatCounter(DateOnly date, int employeeId, ClientId client, long windowStartMs) =>
        $"{Day(date, employeeId).HeartbeatCounterStem}{client.Value}:{windowStartMs}";

    public RedisKey Health => $"{prefix}_health";

    public RedisChannel Channel(DateOnly date, int employeeId) => RedisChannel.Literal(ChannelName(date, employeeId));

    /// <summary>The <see cref="Channel"/>'s name, as the scripts that publish on it take it (an argument, not a key).</summary>
    public string ChannelName(DateOnly date, int employeeId) => Day(date, employeeId).ChannelName;

    /// <summary>
    /// The day's key names, built once per (date, employee): a heartbeat or availability read names four or five of them,
    /// and building each from the date on every call was a tenth of a heartbeat's allocations (decision 143).
    /// </summary>
    private DayNames Day(DateOnly date, int employeeId)
    {
        if (_days.TryGetValue((date, employeeId), out var names)) return names;
        if (_days.Count >= MaxMemoDays) _days.Clear();
        return _days.GetOrAdd((date, employeeId), static (day, prefix) => new DayNames(prefix, day.Date, day.EmployeeId), prefix);
    }

    private sealed class DayNames
    {
        public DayNames(string prefix, DateOnly date, int employeeId)
        {
            var tag = SlotKey.DayKey(date, employeeId);
            LockStem = $"{prefix}_lock_{tag}_";
            ChannelName = $"{prefix}:slots:{date:yyyy-MM-dd}:{employeeId}";
            LockIndex = $"{prefix}_locks_{tag}";
            Holders = $"{prefix}_holders_{tag}";
            Active = $"{prefix}_active_{tag}";
            Availability = $"{prefix}_avail_{tag}";
            BookingVersion = $"{prefix}_bookver_{tag}";
            HeartbeatCounterStem = $"{prefix}_rl_hb_{tag}_";
        }

        public string LockStem { get; }
        public string ChannelName { get; }
        public RedisKey LockIndex { get; }
        public RedisKey Holders { get; }
        public RedisKey Active { get; }
        public RedisKey Availability { get; }
        public RedisKey BookingVersion { get; }
        public string HeartbeatCounterStem { get; }
    }
}
