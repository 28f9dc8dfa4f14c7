using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.BookingsCache;
using AppointEase.Infrastructure.Redis;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// After a booking change: bumps the day's booking version, drops its cached bookings (<see cref="RedisDayBookingsCache"/>)
/// and publishes on <c>{prefix}:slots:{date}:{employee}</c>, in one script (decision 071).
/// Never throws: the booking has committed; a stale cache dies by its own 5-minute TTL. In SQL mode it drops the SQL
/// store's shared read of the day instead (decision 128).
/// </summary>
public sealed class RedisSlotChangeNotifier(RedisConnection connection, IStoreStatus status, SqlSlotStateStore sqlStore,
    ILogger<RedisSlotChangeNotifier> logger) : ISlotChangeNotifier
{
    private readonly RedisSlotKeys _keys = new(connection.Options.KeyPrefix);

    public async ValueTask SlotsChangedAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        sqlStore.DayChanged(date, employeeId);
        if (status.Mode != StorageMode.Redis) return;
        try
        {
            await DayBookingsCacheScripts.BookingsChanged.EvaluateAsync(connection.Database,
                [_keys.Availability(date, employeeId), _keys.BookingVersion(date, employeeId)],
                [_keys.ChannelName(date, employeeId), RedisSlotStateStore.Ms(RedisDayBookingsCache.VersionTtl)]);
        }
        catch (Exception ex) when (connection.IsOutage(ex))
        {
            logger.LogWarning(ex, "Could not announce slot change of {Date} employee {EmployeeId}", date, employeeId);
        }
    }
}
