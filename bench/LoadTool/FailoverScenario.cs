using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// Heartbeats under a light load (--clients, each every --interval-ms) while Redis is killed (--kill-cmd) and, after
/// --outage-seconds, started again (--restart-cmd, which returns once Redis answers PING).
/// Detection: kill → first response reporting storageMode "mysql". Failback: Redis up → first response reporting
/// "redis". Every non-200 or transport error from start to end counts as a failed request.
/// </summary>
internal static class FailoverScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 20);
        var interval = TimeSpan.FromMilliseconds(options.Int("interval-ms", 20));
        var outage = TimeSpan.FromSeconds(options.Double("outage-seconds", 5));
        var limit = TimeSpan.FromSeconds(options.Double("max-wait-seconds", 15));
        var killCmd = options.String("kill-cmd");
        var restartCmd = options.String("restart-cmd");
        using var http = Api.CreateClient(baseUri, clients);
        var api = new Api(http);
        var days = (await Slots.DiscoverAsync(api, clients)).Take(clients).ToList();
        var recorder = new Recorder("failover-heartbeat");
        var clock = Stopwatch.StartNew();
        long killedAt = -1, mysqlSeenAt = -1, redisUpAt = -1, redisSeenAt = -1;
        using var stop = new CancellationTokenSource();

        var load = Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var clientId = Slots.ClientId("fo", i);
            while (!stop.IsCancellationRequested)
            {
                var sentAt = clock.ElapsedTicks;
                var mode = await api.HeartbeatAsync(days[i], clientId, null, recorder);
                var now = clock.ElapsedTicks;
                if (mode == "mysql" && Volatile.Read(ref killedAt) >= 0 && sentAt >= killedAt)
                    Interlocked.CompareExchange(ref mysqlSeenAt, now, -1);
                if (mode == "redis" && Volatile.Read(ref redisUpAt) >= 0 && sentAt >= redisUpAt)
                    Interlocked.CompareExchange(ref redisSeenAt, now, -1);
                try { await Task.Delay(interval, stop.Token); } catch (TaskCanceledException) { }
            }
        }));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await Shell(killCmd);
        Volatile.Write(ref killedAt, clock.ElapsedTicks);
        await WaitFor(() => Volatile.Read(ref mysqlSeenAt) >= 0, limit);
        var remaining = outage - TimeSpan.FromTicks((clock.ElapsedTicks - killedAt) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        await Shell(restartCmd);
        Volatile.Write(ref redisUpAt, clock.ElapsedTicks);
        await WaitFor(() => Volatile.Read(ref redisSeenAt) >= 0, limit);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await load;

        double? Ms(long from, long to) => from < 0 || to < 0 ? null : Math.Round((to - from) * 1000.0 / Stopwatch.Frequency, 1);
        var extra = new
        {
            detection_ms = Ms(killedAt, mysqlSeenAt),
            failback_ms = Ms(redisUpAt, redisSeenAt),
            interval_ms = interval.TotalMilliseconds,
            outage_s = outage.TotalSeconds,
        };
        return [recorder.ToJson(clock.Elapsed.TotalSeconds, clients, extra)];
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!condition() && Stopwatch.GetTimestamp() < until) await Task.Delay(5);
    }

    private static async Task Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start bash");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}");
    }
}
