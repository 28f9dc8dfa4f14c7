using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>
/// Which store this instance serves from. Flipped to SQL by the first failed Redis call (any request or the health
/// monitor) and back to Redis only by the health monitor, after the failback sync.
/// </summary>
public sealed class SlotStoreState : IStoreStatus
{
    private readonly ILogger<SlotStoreState> _logger;
    private readonly AppointEaseMetrics _metrics;
    private volatile int _mode;
    private volatile bool _redisAvailable;

    public SlotStoreState(bool redisConfigured, AppointEaseMetrics metrics, ILogger<SlotStoreState> logger)
    {
        RedisConfigured = redisConfigured;
        _logger = logger;
        _metrics = metrics;
        _mode = redisConfigured ? (int)StorageMode.Redis : (int)StorageMode.Sql;
        _redisAvailable = redisConfigured;
        metrics.StoreModeChanged(Mode, redisConfigured);
    }

    public StorageMode Mode => (StorageMode)_mode;
    public bool RedisConfigured { get; }
    public bool RedisAvailable => _redisAvailable;

    public void MarkRedisDown(Exception cause)
    {
        _redisAvailable = false;
        if (Interlocked.Exchange(ref _mode, (int)StorageMode.Sql) == (int)StorageMode.Redis)
        {
            _metrics.StoreModeChanged(StorageMode.Sql, RedisConfigured);
            _metrics.FailedOver();
            _logger.LogWarning(cause, "Redis unavailable ({Reason}); serving slot state from SQL", cause.GetType().Name);
        }
    }

    /// <summary>Redis answers again; holds are still served from SQL until <see cref="ServeFromRedis"/>.</summary>
    public void MarkRedisUp() => _redisAvailable = true;

    /// <summary>Returns whether this call switched the instance back (false when it already served from Redis).</summary>
    public bool ServeFromRedis()
    {
        if (!RedisConfigured) return false;
        if (Interlocked.Exchange(ref _mode, (int)StorageMode.Redis) != (int)StorageMode.Sql) return false;
        _metrics.StoreModeChanged(StorageMode.Redis, RedisConfigured);
        _logger.LogInformation("Redis recovered and failback sync done; serving slot state from Redis");
        return true;
    }
}
