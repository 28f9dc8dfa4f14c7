namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// One value loaded from SQL and served for <c>cacheFor</c> (the staleness bound other instances rely on: a value is
/// never served past it). Under traffic nobody waits for a reload: in the last <c>refreshAhead</c> of a value's life the
/// first request starts one reload in the background and is served the value still in date. After a quiet spell the
/// first request starts the load and the others wait for that same load (single flight). Both matter at 1,000
/// concurrent heartbeats: every request that found the settings expired ran its own query, every 5 s (decision 146).
/// While the database cannot be reached the last good value is served (<see cref="LastGoodSnapshot{T}"/>).
/// </summary>
internal sealed class RefreshAheadCache<T>(Func<CancellationToken, Task<T>> load, TimeProvider clock, TimeSpan cacheFor, TimeSpan refreshAhead)
    where T : class
{
    private readonly LastGoodSnapshot<T> _lastGood = new();
    private volatile Entry? _entry;
    private volatile Loading? _loading;
    private long _generation;

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (_entry is { } entry)
        {
            var now = clock.GetUtcNow();
            if (now < entry.Until)
            {
                if (now >= entry.Until - refreshAhead) ReloadAhead(entry);
                return ValueTask.FromResult(entry.Value);
            }
        }
        return new ValueTask<T>(CurrentLoad().WaitAsync(cancellationToken));
    }

    /// <summary>
    /// The next request reads SQL again, after this instance saved a change: it does not join a load that started
    /// before (that one's value is served to its own waiters, never kept).
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }

    /// <summary>A reload nobody waits for, unless one is under way or has already replaced the value this request saw.</summary>
    private void ReloadAhead(Entry seen)
    {
        if (_loading is { Task.IsCompleted: false } || _entry != seen) return;
        CurrentLoad();
    }

    /// <summary>
    /// The load under way for the current generation, or a new one. It runs for all its waiters, so no one request's
    /// cancellation stops it.
    /// </summary>
    private Task<T> CurrentLoad()
    {
        var generation = Interlocked.Read(ref _generation);
        while (true)
        {
            var current = _loading;
            if (current is not null && current.Generation == generation && !current.Task.IsCompleted) return current.Task;
            var started = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var mine = new Loading(generation, started.Task);
            if (Interlocked.CompareExchange(ref _loading, mine, current) != current) continue; // another request started one
            // Not the starting request's work: it runs outside that request's async flow (its trace, its log scope).
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => RunAsync(mine, started));
            return started.Task;
        }
    }

    private async Task RunAsync(Loading mine, TaskCompletionSource<T> result)
    {
        try
        {
            var value = _lastGood.Remember(await load(CancellationToken.None));
            if (mine.Generation == Interlocked.Read(ref _generation))
                _entry = new Entry(value, clock.GetUtcNow() + cacheFor);
            result.SetResult(value);
        }
        catch (Exception ex) when (_lastGood.ServeInstead(ex) is { } last)
        {
            _entry = new Entry(last, clock.GetUtcNow() + LastGoodSnapshot<T>.RetryAfterFailure);
            result.SetResult(last);
        }
        catch (Exception ex)
        {
            // Its waiters fail and are logged as any failed request. A background reload may have none: marked observed,
            // the request that next needs the value loads it again and meets the fault itself.
            result.SetException(ex);
            _ = result.Task.Exception;
        }
        finally
        {
            Interlocked.CompareExchange(ref _loading, null, mine);
        }
    }

    private sealed record Entry(T Value, DateTimeOffset Until);

    private sealed record Loading(long Generation, Task<T> Task);
}
