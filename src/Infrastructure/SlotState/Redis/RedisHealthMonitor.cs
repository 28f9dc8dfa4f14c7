using System.Diagnostics;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Writes and reads back <c>{prefix}_health</c> about every second. A failure marks Redis down (requests already fail over
/// on their own first error). A success while serving from SQL runs the failback sync, drops the availability cache
/// (bookings made during the outage could not), switches to Redis, and syncs once more to pick up holds SQL took
/// while the first sync ran.
/// </summary>
public sealed class RedisHealthMonitor(
    RedisConnection connection,
    SlotStoreState state,
    ISlotFailbackSync failback,
    IOptions<SlotStateOptions> options,
    AppointEaseMetrics metrics,
    ILogger<RedisHealthMonitor> logger) : BackgroundService
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly RedisSlotKeys _keys = new(connection.Options.KeyPrefix);
    private readonly TaskCompletionSource _firstCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _syncedSinceStart;

    /// <summary>Completes after the first check (and its start-up failback sync), whatever its outcome.</summary>
    public Task FirstCheckCompleted => _firstCheck.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.HealthCheckIntervalMs);
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckOnceAsync(stoppingToken);
            _firstCheck.TrySetResult();
            try { await Task.Delay(interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }

    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stamp = $"{_instance}|{DateTime.UtcNow.Ticks}";
            var db = connection.Database;
            await db.StringSetAsync(_keys.Health, stamp, TimeSpan.FromSeconds(options.Value.HealthKeyTtlSeconds));
            if (await db.StringGetAsync(_keys.Health) != stamp && !await RoundTripsAgainAsync(cancellationToken))
                throw new StackExchange.Redis.RedisConnectionException(StackExchange.Redis.ConnectionFailureType.UnableToConnect, "health key did not round-trip");
            state.MarkRedisUp();
            if (state.Mode == StorageMode.Sql || !_syncedSinceStart)
            {
                var started = Stopwatch.GetTimestamp();
                var first = await failback.SyncAsync(cancellationToken);
                var dropped = await AvailabilityCacheReset.DropAllAsync(connection, cancellationToken);
                if (_syncedSinceStart)
                    logger.LogInformation("Redis recovered: dropped {Count} cached availability days before serving from Redis", dropped);
                else
                    logger.LogInformation("Redis available at start-up: serving slot state from Redis ({Count} stale cached days dropped)", dropped);
                var switchedBack = state.ServeFromRedis();
                var second = await failback.SyncAsync(cancellationToken);
                _syncedSinceStart = true;
                metrics.FailbackSynced(first.Copied + second.Copied);
                // Start-up's sync (already on Redis) is not a failback; only a switch from SQL counts.
                if (switchedBack) metrics.FailedBack(Stopwatch.GetElapsedTime(started));
            }
        }
        // Includes a cancellation the client raised itself when it tore a connection down (not our shutdown): left
        // to escape, it would end this loop and leave the instance on SQL for good (decision 111).
        catch (Exception ex) when (connection.IsOutage(ex))
        {
            state.MarkRedisDown(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed sync (e.g. the database hiccuped) leaves the instance on SQL; the next tick tries again.
            logger.LogError(ex, "Redis health check or failback sync failed");
        }
    }

    /// <summary>Another instance may have written its own stamp between our SET and GET; the key existing is enough then.</summary>
    private async Task<bool> RoundTripsAgainAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await connection.Database.KeyExistsAsync(_keys.Health);
    }
}
