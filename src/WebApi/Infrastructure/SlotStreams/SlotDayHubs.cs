using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Slots.WatchSlotDay;
using Mediator;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>
/// This instance's day readers (<see cref="DayHub"/>), one per day and employee with open streams: created by the first
/// stream, disposed with the last. Counts open streams against <see cref="SlotStreamOptions.MaxStreams"/> and routes
/// the change feed's wake-ups to the reader of the changed day (decisions 121–122). Open streams, refusals at the cap
/// and readers are counted on the <c>appointease.slot_streams.*</c> instruments (decision 133).
/// </summary>
public sealed class SlotDayHubs : IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly SlotStreamOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SlotDayHubs> _logger;
    private readonly AppointEaseMetrics _metrics;
    private readonly Lock _gate = new();
    private readonly Dictionary<(DateOnly Date, int EmployeeId), DayHub> _hubs = [];
    private readonly IDisposable _feed;
    private int _open;

    public SlotDayHubs(IServiceScopeFactory scopes, ISlotChangeFeed feed, IOptions<SlotStreamOptions> options, TimeProvider clock,
        AppointEaseMetrics metrics, ILogger<SlotDayHubs> logger)
    {
        (_scopes, _options, _clock, _metrics, _logger) = (scopes, options.Value, clock, metrics, logger);
        _feed = feed.Subscribe(Wake);
    }

    public int OpenStreams => Volatile.Read(ref _open);

    /// <summary>Days with a reader right now (tests check that readers are shared and disposed).</summary>
    public int Readers { get { lock (_gate) return _hubs.Count; } }

    /// <summary>Counts a new stream unless the instance is at its cap; pair with <see cref="Return"/>.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _open) <= _options.MaxStreams)
        {
            _metrics.SlotStreamOpened();
            return true;
        }
        Interlocked.Decrement(ref _open);
        _metrics.SlotStreamRefused();
        return false;
    }

    public void Return()
    {
        Interlocked.Decrement(ref _open);
        _metrics.SlotStreamClosed();
    }

    internal DayHub Join(SlotStreamTarget target, SlotStreamSubscriber subscriber, string? lastEventId)
    {
        lock (_gate)
        {
            var key = (target.Date, target.EmployeeId);
            if (!_hubs.TryGetValue(key, out var hub))
            {
                _hubs[key] = hub = new DayHub(target.Date, target.EmployeeId, ct => ReadAsync(key, ct), _options, _clock, _logger);
                _metrics.SlotStreamReaders(+1);
            }
            hub.Add(subscriber, lastEventId);
            return hub;
        }
    }

    internal async ValueTask LeaveAsync(DayHub hub, SlotStreamSubscriber subscriber)
    {
        lock (_gate)
        {
            if (hub.Remove(subscriber) > 0) return;
            _hubs.Remove((hub.Date, hub.EmployeeId));
            _metrics.SlotStreamReaders(-1);
        }
        await hub.DisposeAsync();
    }

    private void Wake(DateOnly date, int employeeId)
    {
        DayHub? hub;
        lock (_gate) _hubs.TryGetValue((date, employeeId), out hub);
        hub?.Wake();
    }

    private async Task<SlotDayView> ReadAsync((DateOnly Date, int EmployeeId) day, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReadSlotDayQuery(day.Date, day.EmployeeId), cancellationToken);
    }

    public void Dispose() => _feed.Dispose();
}
