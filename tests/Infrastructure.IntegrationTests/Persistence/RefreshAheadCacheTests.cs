using AppointEase.Infrastructure.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace AppointEase.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The settings and catalogue caches (decision 146): under traffic a reload starts in the background in the refresh window
/// at the end of a value's life (the last second here; the caches use the second half) and nobody waits for it; a value is never served past its time; concurrent requests share one load;
/// an invalidated load is not kept; an unreachable database serves the last good value.
/// </summary>
public sealed class RefreshAheadCacheTests
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly List<TaskCompletionSource<string>> _loads = [];
    private readonly RefreshAheadCache<string> _cache;

    public RefreshAheadCacheTests() => _cache = new RefreshAheadCache<string>(_ => Load(), _time, CacheFor, RefreshAhead);

    private int LoadCount { get { lock (_loads) return _loads.Count; } }

    private Task<string> Load()
    {
        var load = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_loads) _loads.Add(load);
        return load.Task;
    }

    private TaskCompletionSource<string> LoadNumber(int n)
    {
        lock (_loads) return _loads[n - 1];
    }

    private async Task<string> FirstValue(string value)
    {
        var first = _cache.GetAsync(CancellationToken.None).AsTask();
        await WaitUntil(() => LoadCount == 1); // loads run off the request's thread
        LoadNumber(1).SetResult(value);
        return await first;
    }

    [Fact]
    public async Task AValueInDate_IsServedWithoutALoad()
    {
        await FirstValue("v1");
        _time.Advance(CacheFor - RefreshAhead - TimeSpan.FromMilliseconds(1));

        var again = await _cache.GetAsync(CancellationToken.None);

        Assert.Equal("v1", again);
        Assert.Equal(1, LoadCount);
    }

    [Fact]
    public async Task InTheLastSecondOfItsLife_EveryRequestGetsTheValueInHand_AndOneReloadStartsInTheBackground()
    {
        await FirstValue("v1");
        _time.Advance(CacheFor - TimeSpan.FromMilliseconds(500));

        var served = Enumerable.Range(0, 50).Select(_ => _cache.GetAsync(CancellationToken.None)).ToList();

        Assert.All(served, s => Assert.True(s.IsCompletedSuccessfully, "a request waited for the reload"));
        Assert.All(served, s => Assert.Equal("v1", s.Result));
        await WaitUntil(() => LoadCount == 2);
        LoadNumber(2).SetResult("v2");
        await WaitUntil(() => _cache.GetAsync(CancellationToken.None).Result == "v2");
        _time.Advance(CacheFor - RefreshAhead - TimeSpan.FromMilliseconds(1));
        Assert.Equal("v2", await _cache.GetAsync(CancellationToken.None)); // the reload's value has a life of its own
        Assert.Equal(2, LoadCount);
    }

    [Fact]
    public async Task PastItsTime_AValueIsNeverServed_TheRequestWaitsForTheReloadUnderWay()
    {
        await ReloadUnderWayInTheRefreshWindowAsync();
        _time.Advance(TimeSpan.FromMilliseconds(500));

        var waiting = _cache.GetAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "an expired value was served");
        LoadNumber(2).SetResult("v2");

        Assert.Equal("v2", await waiting.WaitAsync(Patience));
        Assert.Equal(2, LoadCount); // it waited for the reload under way instead of starting its own
    }

    [Fact]
    public async Task AfterAQuietSpell_ConcurrentRequestsShareOneLoad()
    {
        await FirstValue("v1");
        _time.Advance(CacheFor + TimeSpan.FromMinutes(1));

        var waiting = Enumerable.Range(0, 100).Select(_ => _cache.GetAsync(CancellationToken.None).AsTask()).ToList();
        await WaitUntil(() => LoadCount == 2);
        LoadNumber(2).SetResult("v2");

        Assert.All(await Task.WhenAll(waiting).WaitAsync(Patience), v => Assert.Equal("v2", v));
        Assert.Equal(2, LoadCount);
    }

    [Fact]
    public async Task AnInvalidationDuringALoad_IsServedToItsWaitersOnce_ButNotKept_NorJoinedByLaterRequests()
    {
        await FirstValue("v1");
        _cache.Invalidate();
        var waiting = _cache.GetAsync(CancellationToken.None).AsTask();
        await WaitUntil(() => LoadCount == 2);
        _cache.Invalidate(); // a change saved on this instance while that load was reading
        var afterTheChange = _cache.GetAsync(CancellationToken.None).AsTask();
        await WaitUntil(() => LoadCount == 3); // its own load: the one under way may have read before the change

        LoadNumber(2).SetResult("v2");
        LoadNumber(3).SetResult("v3");

        Assert.Equal("v2", await waiting.WaitAsync(Patience));
        Assert.Equal("v3", await afterTheChange.WaitAsync(Patience));
        Assert.Equal("v3", await _cache.GetAsync(CancellationToken.None));
        Assert.Equal(3, LoadCount);
    }

    [Fact]
    public async Task WhenTheBackgroundReloadFindsTheDatabaseUnreachable_TheLastGoodValueIsServedPastItsTime()
    {
        await ReloadUnderWayInTheRefreshWindowAsync();
        LoadNumber(2).SetException(new TimeoutException("read timed out")); // a frozen server: classified Unavailable
        _time.Advance(TimeSpan.FromMilliseconds(600));

        Assert.Equal("v1", await _cache.GetAsync(CancellationToken.None).AsTask().WaitAsync(Patience));
        Assert.Equal(2, LoadCount); // served from that failed reload, not a second wait for the frozen server
    }

    [Fact]
    public async Task AFaultThatIsNotAnOutage_LeavesTheValueInDate_ThenFailsTheRequestThatNeedsANewOne()
    {
        await ReloadUnderWayInTheRefreshWindowAsync();
        LoadNumber(2).SetException(new InvalidOperationException("a bug in the query"));
        await WaitUntil(() => _cache.GetAsync(CancellationToken.None).Result == "v1" && LoadCount == 3); // in date; the next request reloads

        _time.Advance(TimeSpan.FromMilliseconds(500));
        var failing = _cache.GetAsync(CancellationToken.None).AsTask();
        LoadNumber(3).SetException(new InvalidOperationException("a bug in the query"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
    }

    /// <summary>"v1" loaded, the clock half a second before its time, and the background reload it started (load 2) pending.</summary>
    private async Task ReloadUnderWayInTheRefreshWindowAsync()
    {
        await FirstValue("v1");
        _time.Advance(CacheFor - TimeSpan.FromMilliseconds(500));
        Assert.Equal("v1", await _cache.GetAsync(CancellationToken.None));
        await WaitUntil(() => LoadCount == 2);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(5);
        }
    }
}
