using System.Security.Cryptography;
using AppointEase.Application.Slots.WatchSlotDay;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>
/// The one reader of a day and employee on this instance, shared by all its open streams (decision 121): it reads the
/// day once a <see cref="SlotStreamOptions.PollIntervalMs"/>, or at once when woken by the change feed, diffs it with
/// the previous read and hands the changes, numbered, to every stream. The last <see cref="SlotStreamOptions.ReplayEvents"/>
/// events are kept so a stream resumed with <c>Last-Event-ID</c> gets what it missed. Ids are <c>{epoch}-{sequence}</c>,
/// the epoch random per reader, so an id from another instance or an earlier reader is recognised as unknown.
/// </summary>
internal sealed class DayHub : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<SlotDayView>> _read;
    private readonly SlotStreamOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<SlotStreamSubscriber> _subscribers = [];
    private readonly Queue<DayHubEvent> _recent = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private SlotDayView? _day;
    private long _sequence;
    private bool _failing;

    public DayHub(DateOnly date, int employeeId, Func<CancellationToken, Task<SlotDayView>> read, SlotStreamOptions options,
        TimeProvider clock, ILogger logger)
    {
        (Date, EmployeeId, _read, _options, _clock, _logger) = (date, employeeId, read, options, clock, logger);
        Epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        _loop = Task.Run(RunAsync);
    }

    public DateOnly Date { get; }
    public int EmployeeId { get; }
    public string Epoch { get; }

    /// <summary>Subscribers, for the registry's bookkeeping (read under its lock).</summary>
    public int Count { get { lock (_gate) return _subscribers.Count; } }

    public string IdOf(long sequence) => $"{Epoch}-{sequence}";

    /// <summary>The day changed somewhere: read it now instead of at the next poll.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return;
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // another wake got there first: one read serves both
    }

    /// <summary>
    /// Adds a stream. It first gets what it missed after <paramref name="lastEventId"/> when that id is this reader's and
    /// still within the replay window, else a snapshot (right away, or after the reader's first read).
    /// </summary>
    public void Add(SlotStreamSubscriber subscriber, string? lastEventId)
    {
        lock (_gate)
        {
            _subscribers.Add(subscriber);
            if (_day is null) return; // the first read sends it its snapshot
            if (TryReplay(subscriber, lastEventId)) return;
            subscriber.Post(new SnapshotItem(_day, _sequence));
        }
    }

    /// <summary>Removes a stream; returns the number left.</summary>
    public int Remove(SlotStreamSubscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscriber);
            return _subscribers.Count;
        }
    }

    private bool TryReplay(SlotStreamSubscriber subscriber, string? lastEventId)
    {
        if (lastEventId is null) return false;
        var dash = lastEventId.LastIndexOf('-');
        if (dash <= 0 || lastEventId[..dash] != Epoch || !long.TryParse(lastEventId.AsSpan(dash + 1), out var last)) return false;
        if (last > _sequence) return false;
        var oldestKept = _recent.Count > 0 ? _recent.Peek().Sequence : _sequence + 1;
        if (last < oldestKept - 1) return false; // events between were dropped from the window
        subscriber.AwaitsSnapshot = false;
        foreach (var missed in _recent.Where(e => e.Sequence > last)) subscriber.Post(new EventItem(missed));
        return true;
    }

    private async Task RunAsync()
    {
        var interval = TimeSpan.FromMilliseconds(_options.PollIntervalMs);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var view = await _read(_stop.Token);
                Publish(view);
                if (_failing) _logger.LogInformation("Slot stream reader of {Date} employee {EmployeeId} reads again", Date, EmployeeId);
                _failing = false;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Both stores failing (a database outage in SQL mode): the streams stay open and quiet, and catch up
                // with the next read that works. Logged once per outage, not once a second.
                if (!_failing) _logger.LogWarning(ex, "Slot stream reader of {Date} employee {EmployeeId} cannot read the day; retrying", Date, EmployeeId);
                _failing = true;
            }
            try { await _wake.WaitAsync(interval, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private void Publish(SlotDayView view)
    {
        lock (_gate)
        {
            if (_day is null)
            {
                _day = view;
            }
            else if (view.Mode != _day.Mode)
            {
                // Another store now serves the day; its state replaces the old wholesale (Redis holds made during the
                // outage come back with the failback sync, and SQL does not have Redis's), so a diff would be noise.
                _day = view;
                Append(new DayHubEvent(++_sequence, null, view));
            }
            else
            {
                var changes = SlotDayChanges.Between(_day, view, _clock.GetUtcNow().UtcDateTime);
                _day = view;
                foreach (var change in changes) Append(new DayHubEvent(++_sequence, change, null));
            }
            foreach (var subscriber in _subscribers.Where(s => s.AwaitsSnapshot))
                subscriber.Post(new SnapshotItem(view, _sequence));
        }
    }

    private void Append(DayHubEvent hubEvent)
    {
        if (_options.ReplayEvents > 0)
        {
            _recent.Enqueue(hubEvent);
            while (_recent.Count > _options.ReplayEvents) _recent.Dequeue();
        }
        foreach (var subscriber in _subscribers)
            if (!subscriber.AwaitsSnapshot) subscriber.Post(new EventItem(hubEvent));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
        _wake.Dispose();
    }
}
