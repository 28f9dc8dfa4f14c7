using System.Collections.Concurrent;
using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// A busy morning: --clients widgets in a closed loop (no think time, so it is a saturation test), each call drawn
/// as 90 % heartbeat (half of them carrying the client's selection), 6 % select, 3 % lock + release, 1 % lock +
/// confirm of a fresh slot. Every client has slots of its own, so conflicts come only from the mix itself.
/// --request-log FILE records every request (see <see cref="RequestLog"/>); --stop-file PATH ends the run early once
/// that file exists (scripts/reliability.sh runs it for as long as its faults last, --seconds still bounds it).
/// --name NAME names the overall line (default busy-morning); --total-only prints only that line (bench/run.sh's steps
/// of client counts, which look for the highest rate with p99 &lt; 100 ms).
/// </summary>
internal static class BusyMorningScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 200);
        var seconds = options.Double("seconds", 10);
        var cap = options.Int("max-requests", 500_000);
        var bookings = options.Int("max-bookings", 150);
        var stopFile = options.String("stop-file", "");
        var name = options.String("name", "busy-morning");
        var totalOnly = options.String("total-only", "false") == "true";
        await using var requestLog = RequestLog.From(options);
        using var http = Api.CreateClient(baseUri, clients, requestLog);
        var api = new Api(http);
        var slots = await Slots.DiscoverAsync(api, clients * 2 + bookings);
        var toBook = new ConcurrentQueue<Slot>(slots.Skip(clients * 2).Take(bookings));
        var all = new Recorder(name);
        var heartbeats = new Recorder("busy-heartbeat");
        var selects = new Recorder("busy-select");
        var locks = new Recorder("busy-lock");
        var releases = new Recorder("busy-release");
        var confirms = new Recorder("busy-confirm");
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sent = 0;
        var started = Stopwatch.GetTimestamp();
        using var stopped = new CancellationTokenSource();
        var stopWatcher = WatchStopFileAsync(stopFile, stopped);

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var random = new Random(i);
            var clientId = Slots.ClientId("bm", i);
            var own = new[] { slots[2 * i], slots[2 * i + 1] };
            while (!stopped.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline && Interlocked.Increment(ref sent) <= cap)
            {
                var roll = random.NextDouble();
                var t0 = Stopwatch.GetTimestamp();
                bool ok;
                if (roll < 0.90)
                    ok = await api.HeartbeatAsync(own[0], clientId, roll < 0.45 ? own[0].Time : null, heartbeats) is not null;
                else if (roll < 0.96)
                    ok = await api.SelectAsync(own[random.Next(2)], clientId, selects);
                else if (roll < 0.99 || !toBook.TryDequeue(out var fresh))
                {
                    var token = await api.LockAsync(own[1], clientId, locks);
                    ok = token is not null && await api.ReleaseAsync(token, clientId, releases);
                }
                else
                {
                    var token = await api.LockAsync(fresh, clientId, locks);
                    ok = token is not null && await api.ConfirmAsync(fresh, token, clientId, confirms);
                }
                if (ok) all.Ok(Recorder.Since(t0)); else all.Error(Recorder.Since(t0), "mixed step failed");
            }
        }));
        await stopped.CancelAsync();
        await stopWatcher;

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (totalOnly) return [all.ToJson(elapsed, clients)];
        return [all.ToJson(elapsed, clients), heartbeats.ToJson(elapsed, clients), selects.ToJson(elapsed, clients),
            locks.ToJson(elapsed, clients), releases.ToJson(elapsed, clients), confirms.ToJson(elapsed, clients)];
    }

    /// <summary>Cancels <paramref name="stop"/> once the file exists; polled, so the hot loop only reads a flag.</summary>
    private static async Task WatchStopFileAsync(string path, CancellationTokenSource stop)
    {
        if (path.Length == 0) return;
        while (!stop.IsCancellationRequested)
        {
            if (File.Exists(path)) { await stop.CancelAsync(); return; }
            try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { return; }
        }
    }
}
