using AppointEase.Infrastructure.Redis;

namespace AppointEase.Infrastructure.BookingsCache;

/// <summary>
/// The Lua scripts of the day-bookings cache. Both keys of a day (the cached text and the booking version) carry the
/// day's hash tag, so each script is atomic and cluster-safe (decision 110). Reading needs no script: one MGET.
/// </summary>
internal static class DayBookingsCacheScripts
{
    /// <summary>
    /// KEYS: cached bookings, booking version. ARGV: value, ttlMs, expected version. Fills the cache only while the
    /// version is the one read with the miss (absent counts as 0), so a computation that raced a booking is dropped.
    /// Returns 1 when written.
    /// </summary>
    public static readonly RedisScript FillIfVersion = new("""
        if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[3] then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
        return 1
        """);

    /// <summary>
    /// KEYS: cached bookings, booking version. ARGV: channel, versionTtlMs. After a booking change: bump the version
    /// (before the cache goes, in the same script), drop the cache, tell subscribers.
    /// </summary>
    public static readonly RedisScript BookingsChanged = new("""
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
        redis.call('DEL', KEYS[1])
        redis.call('PUBLISH', ARGV[1], 'booking')
        return 1
        """);
}
