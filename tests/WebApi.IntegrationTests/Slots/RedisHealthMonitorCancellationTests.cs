using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// StackExchange.Redis can end a probe with a TaskCanceledException nobody asked for (a command pending while its
/// connection is torn down). The health monitor must count that as an outage and keep probing, not let it escape:
/// an escaped exception ends the BackgroundService and the instance would stay on SQL (or the host stop) for good.
/// </summary>
public sealed class RedisHealthMonitorCancellationTests : IAsyncLifetime
{
    private readonly CancellingFailbackSync _sync = new();
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("SlotState:HealthCheckIntervalMs", "100");
        _app.ConfigureServices = services => services.AddSingleton<ISlotFailbackSync>(_sync);
        _ = _app.Services;
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task UnrequestedCancellationOfAProbe_CountsAsAnOutage_AndTheMonitorKeepsProbing()
    {
        var monitor = _app.Services.GetRequiredService<RedisHealthMonitor>();
        var state = _app.Services.GetRequiredService<SlotStoreState>();

        await WaitUntilAsync(() => _sync.Cancellations >= 3, "the monitor stopped probing after a cancelled probe");
        Assert.Equal(StorageMode.Sql, state.Mode);
        Assert.False(state.RedisAvailable);
        Assert.NotNull(monitor.ExecuteTask);
        Assert.False(monitor.ExecuteTask!.IsCompleted, "the monitor's loop ended: " + monitor.ExecuteTask.Exception);

        // The next probe that completes moves the instance back: the loop is still alive.
        _sync.Cancel = false;
        await WaitUntilAsync(() => state.Mode == StorageMode.Redis, "the instance did not return to Redis after the probes recovered");
        Assert.False(monitor.ExecuteTask.IsCompleted);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), failure);
    }

    private sealed class CancellingFailbackSync : ISlotFailbackSync
    {
        private int _cancellations;
        public volatile bool Cancel = true;
        public int Cancellations => Volatile.Read(ref _cancellations);

        public Task<FailbackReport> SyncAsync(CancellationToken cancellationToken)
        {
            if (!Cancel) return Task.FromResult(new FailbackReport(0, 0, 0, 0));
            Interlocked.Increment(ref _cancellations);
            // What the client throws: a cancellation of its own token, not the caller's.
            throw new TaskCanceledException("the command was cancelled by the client");
        }
    }
}
