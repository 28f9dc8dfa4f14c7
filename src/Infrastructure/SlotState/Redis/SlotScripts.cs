using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// The Lua scripts of slot state. Each touches only keys passed in KEYS (all with one day's hash tag), so each is atomic
/// and cluster-safe. Time comes from the Redis server (TIME) so every instance agrees on what has expired.
/// Lock value: <c>owner|secret|createdMs</c>; lock index field: <c>owner|secret|expiresMs</c>; selection field:
/// <c>HH:mm|expiresMs</c>.
/// </summary>
internal static class SlotScripts
{
    private const string Now = """
        local function now()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function extend(key, ms)
          if redis.call('PTTL', key) < ms then redis.call('PEXPIRE', key, ms) end
        end
        """;

    /// <summary>KEYS: lock, active. ARGV: client, time, ttlMs, channel. Returns 1 selected, 0 locked by another.</summary>
    public static readonly RedisScript Select = new(Now + """

        local lock = redis.call('GET', KEYS[1])
        if lock and string.sub(lock, 1, #ARGV[1] + 1) ~= ARGV[1] .. '|' then return 0 end
        local ttl = tonumber(ARGV[3])
        local previous = redis.call('HGET', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. (now() + ttl))
        extend(KEYS[2], ttl)
        if not previous or string.sub(previous, 1, 6) ~= ARGV[2] .. '|' then
          redis.call('PUBLISH', ARGV[4], 'select|' .. ARGV[2])
        end
        return 1
        """);

    /// <summary>KEYS: active. ARGV: client, time, channel. Removes the selection only if it is on that time.</summary>
    public static readonly RedisScript Deselect = new("""
        local v = redis.call('HGET', KEYS[1], ARGV[1])
        if v and string.sub(v, 1, #ARGV[2] + 1) == ARGV[2] .. '|' then
          redis.call('HDEL', KEYS[1], ARGV[1])
          redis.call('PUBLISH', ARGV[3], 'deselect|' .. ARGV[2])
          return 1
        end
        return 0
        """);

    /// <summary>
    /// KEYS: lock, lock index[, holders]. ARGV: client, secret, ttlMs, time, channel[, holder].
    /// Returns {1, nowMs} when taken, else {0, nowMs, holderValue, holderPttl}. With the holders hash the taker's
    /// <c>network|client</c> is noted under the time, so releasing the lock can give its hold back (decision 084).
    /// </summary>
    public static readonly RedisScript Lock = new(Now + """

        local n = now()
        local ttl = tonumber(ARGV[3])
        if redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|' .. n, 'NX', 'PX', ttl) then
          redis.call('HSET', KEYS[2], ARGV[4], ARGV[1] .. '|' .. ARGV[2] .. '|' .. (n + ttl))
          extend(KEYS[2], ttl)
          if #KEYS >= 3 then
            redis.call('HSET', KEYS[3], ARGV[4], ARGV[6])
            extend(KEYS[3], ttl)
          end
          redis.call('PUBLISH', ARGV[5], 'lock|' .. ARGV[4])
          return {1, n}
        end
        return {0, n, redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
        """);

    /// <summary>
    /// The live-hold quota of one network. KEYS: the network's holds and the client's holds in it (sorted sets, member
    /// <c>client|lockKey</c> → expiresMs, both hash-tagged by the network). ARGV: member, ttlMs, perClient, perNetwork.
    /// Drops expired holds, then adds the member to both only while the client has fewer than perClient and the network
    /// fewer than perNetwork live holds: check and add are one atomic step, so concurrent lock requests can never
    /// together pass the cap. Counting is ZCARD and the wait is the lowest score, so a lock costs the same however many
    /// holds the network has (decision 156; the set was read whole and scanned in Lua before).
    /// Returns {1, 0} added, {2, 0} already counted, {0, msUntilTheOldestRelevantHoldEnds} refused.
    /// </summary>
    public static readonly RedisScript ReserveHold = new(Now + """

        local n = now()
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', n)
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {2, 0} end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', n)
        local function wait(key)
          local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
          if first[2] then return tonumber(first[2]) - n end
          return 0
        end
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return {0, wait(KEYS[2])} end
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return {0, wait(KEYS[1])} end
        local ttl = tonumber(ARGV[2])
        redis.call('ZADD', KEYS[1], n + ttl, ARGV[1])
        redis.call('ZADD', KEYS[2], n + ttl, ARGV[1])
        extend(KEYS[1], ttl)
        extend(KEYS[2], ttl)
        return {1, 0}
        """);

    /// <summary>KEYS: the network's holds, the client's holds. ARGV: member. Gives a hold back (lock not taken, released or cleared).</summary>
    public static readonly RedisScript DropHold = new("""
        redis.call('ZREM', KEYS[2], ARGV[1])
        return redis.call('ZREM', KEYS[1], ARGV[1])
        """);

    /// <summary>
    /// KEYS: lock, lock index, holders. ARGV: "client|secret|", time, channel. Compare-and-delete.
    /// Returns {1, holder or ''} released (holder: the <c>network|client</c> whose hold to give back), else {0, ''}.
    /// </summary>
    public static readonly RedisScript Release = new("""
        local v = redis.call('GET', KEYS[1])
        if v and string.sub(v, 1, #ARGV[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1])
          redis.call('HDEL', KEYS[2], ARGV[2])
          local holder = redis.call('HGET', KEYS[3], ARGV[2]) or ''
          redis.call('HDEL', KEYS[3], ARGV[2])
          redis.call('PUBLISH', ARGV[3], 'release|' .. ARGV[2])
          return {1, holder}
        end
        return {0, ''}
        """);

    /// <summary>
    /// KEYS: lock, lock index. ARGV: "client|secret|", ttlMs, time. Compare-and-set of the expiry.
    /// Returns the new expiry in ms, or 0 when the lock is not the caller's.
    /// </summary>
    public static readonly RedisScript Refresh = new(Now + """

        local v = redis.call('GET', KEYS[1])
        if not v or string.sub(v, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
        local ttl = tonumber(ARGV[2])
        local expires = now() + ttl
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('HSET', KEYS[2], ARGV[3], string.sub(ARGV[1], 1, #ARGV[1] - 1) .. '|' .. expires)
        extend(KEYS[2], ttl)
        return expires
        """);

    /// <summary>
    /// KEYS: lock, lock index, holders. ARGV: time, channel. Unconditional delete (the booking has committed).
    /// Returns the holder (<c>network|client</c>) whose hold to give back, or ''.
    /// </summary>
    public static readonly RedisScript Clear = new("""
        redis.call('DEL', KEYS[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        local holder = redis.call('HGET', KEYS[3], ARGV[1]) or ''
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('PUBLISH', ARGV[2], 'release|' .. ARGV[1])
        return holder
        """);

    /// <summary>KEYS: lock. Returns {nowMs, value, pttl}.</summary>
    public static readonly RedisScript GetLock = new(Now + """

        return {now(), redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}
        """);

    /// <summary>
    /// Day state and the heartbeat. KEYS: active, lock index[, heartbeat counter[, lock of the selected time]].
    /// ARGV (heartbeat only): client, permitLimit, counterTtlMs[, time, selectionTtlMs].
    /// With the counter key it first counts the hit (INCR + PEXPIRE together, so a counter never lives without a TTL); over
    /// the limit it returns {nowMs, {}, {}, count} having changed nothing else. Within it (or without a counter) it
    /// refreshes the caller's selection when the lock key is given (unless another holds that lock), then returns
    /// {nowMs, {client, value, ...}, {time, value, ...}, count or false} with expired entries dropped (and deleted).
    /// The day's cached bookings are not read here: the caller sends that read beside this script (decision 125).
    /// </summary>
    public static readonly RedisScript DayState = new(Now + RateLimitBuckets.RedisCountHit + """

        local n = now()
        local count = false
        if #KEYS >= 3 then
          count = count_hit(KEYS[3], ARGV[3])
          if count > tonumber(ARGV[2]) then return {n, {}, {}, count} end
        end
        if #KEYS == 4 then
          local lock = redis.call('GET', KEYS[4])
          if not lock or string.sub(lock, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
            local ttl = tonumber(ARGV[5])
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[4] .. '|' .. (n + ttl))
            extend(KEYS[1], ttl)
          end
        end
        local function live(key)
          local all = redis.call('HGETALL', key)
          local out = {}
          for i = 1, #all, 2 do
            local expires = tonumber(string.match(all[i + 1], '|(%d+)$'))
            if expires and expires > n then
              out[#out + 1] = all[i]
              out[#out + 1] = all[i + 1]
            else
              redis.call('HDEL', key, all[i])
            end
          end
          return out
        end
        return {n, live(KEYS[1]), live(KEYS[2]), count}
        """);

    /// <summary>
    /// Failback of one SQL lock. KEYS: lock, lock index. ARGV: owner, secret, createdMs, remainingMs, time.
    /// Returns {1} copied, {2, loserValue} copied over a later Redis hold, {0, winnerValue} a earlier Redis hold kept.
    /// </summary>
    public const string RestoreLock = Now + """

        local n = now()
        local value = ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[3]
        local ttl = tonumber(ARGV[4])
        local function write()
          redis.call('SET', KEYS[1], value, 'PX', ttl)
          redis.call('HSET', KEYS[2], ARGV[5], ARGV[1] .. '|' .. ARGV[2] .. '|' .. (n + ttl))
          extend(KEYS[2], ttl)
        end
        local current = redis.call('GET', KEYS[1])
        if not current or current == value then write() return {1} end
        local created = tonumber(string.match(current, '|(%d+)$'))
        if created and tonumber(ARGV[3]) < created then write() return {2, current} end
        return {0, current}
        """;

    /// <summary>Failback of one SQL selection. KEYS: active. ARGV: client, time, remainingMs. A newer Redis selection wins.</summary>
    public const string RestoreSelection = Now + """

        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
        local ttl = tonumber(ARGV[3])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. (now() + ttl))
        extend(KEYS[1], ttl)
        return 1
        """;
}
