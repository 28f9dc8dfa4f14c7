using System.Globalization;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.BookingsCache;

/// <summary>
/// The day-bookings cache in Redis (decisions 071, 125): <c>{prefix}_avail_{day}</c> holds the day's bookings as
/// <see cref="CachedBookingsText"/> for <see cref="Ttl"/>; <c>{prefix}_bookver_{day}</c> is the day's booking version,
/// which <see cref="RedisSlotChangeNotifier"/> bumps when it drops the entry after a booking change. Both keys carry the
/// day's hash tag like the day's slot state, so a read sent beside the day's state script goes to the same node and
/// travels in the same round trip.
/// Only while the instance serves from Redis: in SQL mode booking changes do not reach Redis (the notifier is quiet), so
/// every read is a miss and every fill is dropped. A Redis outage fails the instance over, as a store call does, and is a
/// miss; recovery drops every entry (<see cref="AvailabilityCacheReset"/>) before serving from Redis again.
/// </summary>
public sealed class RedisDayBookingsCache(RedisConnection connection, SlotStoreState state) : IDayBookingsCache
{
    /// <summary>Five minutes: long enough to spare SQL on every heartbeat, short enough to heal a missed invalidation.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A day: far longer than any computation between a miss and its fill, so the version never lapses back to a value a
    /// pending fill read; refreshed by every bump.
    /// </summary>
    public static readonly TimeSpan VersionTtl = TimeSpan.FromDays(1);

    private readonly RedisSlotKeys _keys = new(connection.Options.KeyPrefix);

    public async ValueTask<DayBookingsCacheEntry> GetAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        if (state.Mode != StorageMode.Redis) return DayBookingsCacheEntry.Miss;
        try
        {
            // One MGET: both keys share the day's hash tag, so it is atomic and cluster-safe without a script.
            var values = await connection.Database.StringGetAsync([_keys.Availability(date, employeeId), _keys.BookingVersion(date, employeeId)]);
            return new DayBookingsCacheEntry(CachedBookingsText.Parse(values[0]), ParseVersion(values[1]), Versioned: true);
        }
        catch (Exception ex) when (connection.IsOutage(ex))
        {
            state.MarkRedisDown(ex);
            return DayBookingsCacheEntry.Miss;
        }
    }

    public async ValueTask SetAsync(DateOnly date, int employeeId, CachedDayBookings bookings, long version, CancellationToken cancellationToken)
    {
        if (state.Mode != StorageMode.Redis) return;
        try
        {
            await DayBookingsCacheScripts.FillIfVersion.EvaluateAsync(connection.Database,
                [_keys.Availability(date, employeeId), _keys.BookingVersion(date, employeeId)],
                [CachedBookingsText.Format(bookings), (long)Ttl.TotalMilliseconds, version]);
        }
        catch (Exception ex) when (connection.IsOutage(ex))
        {
            state.MarkRedisDown(ex);
        }
    }

    private static long ParseVersion(RedisValue version) =>
        long.TryParse((string?)version, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
