using System.Collections.Immutable;
using System.Globalization;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Listens on <c>{prefix}:slots:*</c>, where the slot scripts publish every select, deselect, lock, release and booking
/// change (<see cref="RedisSlotKeys.Channel"/>), with ONE pattern subscription per instance, and hands the day and
/// employee to the slot streams (decision 122). Plain PUBLISH reaches every node of a Cluster, so one subscription
/// hears all of them. Subscribing is retried until Redis answers; the multiplexer restores it after a reconnect.
/// Messages sent while cut off are lost; the streams' poll covers them within a second.
/// </summary>
public sealed class RedisSlotChangeFeed(RedisConnection connection, ILogger<RedisSlotChangeFeed> logger) : BackgroundService, ISlotChangeFeed
{
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<Action<DateOnly, int>> _listeners = [];

    /// <summary>Completes once this instance listens (tests wait for it before changing anything).</summary>
    public Task Subscribed => _subscribed.Task;

    private readonly string _channelPrefix = connection.Options.KeyPrefix + ":slots:";

    public IDisposable Subscribe(Action<DateOnly, int> dayChanged)
    {
        ImmutableInterlocked.Update(ref _listeners, l => l.Add(dayChanged));
        return new Subscription(() => ImmutableInterlocked.Update(ref _listeners, l => l.Remove(dayChanged)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Yield(); // the first use connects synchronously; keep that off the host's start-up path
                await connection.Multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(_channelPrefix + "*"), (channel, _) => Dispatch(channel));
                _subscribed.TrySetResult();
                return;
            }
            // RedisTimeoutException is a TimeoutException, not a RedisException: a slow start must not stop the host.
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Slot change channel not subscribed yet; retrying");
                await Task.Delay(SubscribeRetry, stoppingToken);
            }
        }
    }

    /// <summary>Runs for every select, lock and booking change of every instance: parsed in place, no pieces allocated.</summary>
    private void Dispatch(RedisChannel channel)
    {
        // {prefix}:slots:yyyy-MM-dd:employeeId
        var name = channel.ToString().AsSpan();
        if (!name.StartsWith(_channelPrefix, StringComparison.Ordinal)) return;
        var day = name[_channelPrefix.Length..];
        var colon = day.IndexOf(':');
        if (colon < 0
            || !DateOnly.TryParseExact(day[..colon], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(day[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var employeeId)) return;
        foreach (var listener in _listeners) listener(date, employeeId);
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
        }
    }
}
