using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Redis;

/// <summary>
/// Publishes on <c>{prefix}:catalogue</c> after a committed catalogue or settings change, and listens on it to drop this
/// instance's <see cref="IScheduleSnapshotProvider"/> and <see cref="ISettingsProvider"/> caches. Subscribing is retried
/// until Redis answers (start-up must not wait for Redis); after that the multiplexer restores the subscription on
/// reconnect. Messages sent while an instance was cut off are lost; its caches then expire within 5 s as before.
/// </summary>
public sealed class RedisCatalogueChangeBroadcast(
    RedisConnection connection,
    IScheduleSnapshotProvider snapshots,
    ISettingsProvider settings,
    ILogger<RedisCatalogueChangeBroadcast> logger) : BackgroundService, ICatalogueChangeBroadcast
{
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance listens on the channel (tests wait for it before announcing).</summary>
    public Task Subscribed => _subscribed.Task;

    private RedisChannel Channel => RedisChannel.Literal(connection.Options.KeyPrefix + ":catalogue");

    public void Announce() => _ = PublishAsync();

    private async Task PublishAsync()
    {
        try
        {
            await connection.Multiplexer.GetSubscriber().PublishAsync(Channel, "changed");
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            logger.LogWarning(ex, "Could not announce a catalogue change; other instances see it when their caches expire");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Yield(); // the first use connects synchronously; keep that off the host's start-up path
                await connection.Multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, _) => DropCaches());
                _subscribed.TrySetResult();
                return;
            }
            // RedisTimeoutException is a TimeoutException, not a RedisException: a slow start must not stop the host.
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Catalogue channel not subscribed yet; retrying");
                await Task.Delay(SubscribeRetry, stoppingToken);
            }
        }
    }

    private void DropCaches()
    {
        snapshots.Invalidate();
        settings.Invalidate();
    }
}
