using System.Collections.Concurrent;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// Samples the test process's thread pool every 100 ms from a thread of its own (a starved pool cannot delay it), so a
/// failed outage test shows whether timeouts stalled because work queued up behind blocked threads or for another reason.
/// </summary>
internal sealed class ThreadPoolWatch : IDisposable
{
    private readonly Func<double> _now;
    private readonly ConcurrentQueue<(double AtMs, int Threads, long Pending)> _samples = new();
    private volatile bool _stopped;
    private readonly Thread _thread;

    public ThreadPoolWatch(Func<double> now)
    {
        _now = now;
        _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool-watch" };
        _thread.Start();
    }

    private void Run()
    {
        while (!_stopped)
        {
            _samples.Enqueue((_now(), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount));
            Thread.Sleep(100);
        }
    }

    /// <summary>One line per second of the run: the most threads and the most queued work items seen in it.</summary>
    public IEnumerable<string> Summary() => _samples
        .GroupBy(s => (int)(s.AtMs / 1000))
        .Select(g => $"thread pool {g.Key}-{g.Key + 1} s: threads ≤ {g.Max(s => s.Threads)}, queued ≤ {g.Max(s => s.Pending)}");

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}
