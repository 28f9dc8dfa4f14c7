using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// --clients visitors (100) each lock their own slot, then all confirm at the same moment; --rounds times with new
/// slots, after one untimed warm-up round like the floor's. Only the confirm calls are timed into "confirm";
/// throughput is confirms per second of confirm phases. With --connection (the bench database) it also reports
/// MariaDB's statements and commits per confirm, counted on the server; with --app-pid, the app's CPU milliseconds per
/// confirm over the same phases, and with --db-pid MariaDB's; with BENCH_ADMIN_KEY, the kilobytes its GC allocated and the milliseconds it paused
/// per confirm over them.
/// </summary>
internal static class ConfirmScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 100);
        var rounds = options.Int("rounds", 3);
        var warmupRounds = options.Int("warmup-rounds", 1);
        using var http = Api.CreateClient(baseUri, clients);
        var api = new Api(http);
        var needed = clients * (rounds + warmupRounds);
        var slots = await Slots.DiscoverAsync(api, needed);
        // The far end of the horizon, so the other scenarios' near-term slots stay free.
        slots = slots.TakeLast(needed).ToList();
        var locks = new Recorder("confirm-lock");
        var confirms = new Recorder("confirm");
        var confirmSeconds = 0.0;
        var roundSeconds = new List<double>();

        // Warm the app the way the floor warms its pool (untimed bookings per client): the first confirms after start-up
        // pay for JIT compilation, tiering and new connections, which a serving instance paid long ago.
        var warmed = new Recorder("confirm-warmup");
        // --warmup-seconds: before those rounds, every client books and cancels the slot of its first warm-up round
        // again and again, so the runtime's tiered JIT reaches the code a long-running instance runs (decision 135).
        var warmupSeconds = options.Int("warmup-seconds", 0);
        var warmupBookings = 0;
        if (warmupSeconds > 0)
        {
            var until = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);
            var booked = await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
            {
                var count = 0;
                // A new customer every time, as in the timed rounds: the warm-up trains the path they take.
                for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
                    if (await api.BookAndCancelAsync(slots[rounds * clients + i], Slots.ClientId("cx", i), $"{Slots.ClientId("cx", i)}-{n}@bench.example")) count++;
                return count;
            }));
            warmupBookings = booked.Sum();
        }
        for (var w = 0; w < warmupRounds; w++)
        {
            var first = (rounds + w) * clients;
            var warmup = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                api.LockAsync(slots[first + i], Slots.ClientId("cw", w * clients + i), new Recorder("confirm-warmup-lock"))));
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                warmup[i] is null ? Task.CompletedTask : api.ConfirmAsync(slots[first + i], warmup[i], Slots.ClientId("cw", w * clients + i), warmed)));
        }
        // With --connection: MariaDB's own count of statements (Questions) and commits over the confirm phases, per confirm.
        var server = options.String("connection", "") is { Length: > 0 } c ? new ServerCounters(c) : null;
        var statements = 0L;
        var commits = 0L;
        var appCpu = options.Int("app-pid", 0) is > 0 and var pid ? new ProcessCpu(pid) : null;
        var appCpuMs = 0.0;
        var dbCpu = options.Int("db-pid", 0) is > 0 and var dbPid ? new ProcessCpu(dbPid) : null;
        var dbCpuMs = 0.0;
        var gc = AppGcCounters.FromEnvironment(http);
        var allocatedBytes = 0.0;
        var pausedSeconds = 0.0;

        for (var round = 0; round < rounds; round++)
        {
            var tokens = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                api.LockAsync(slots[round * clients + i], Slots.ClientId("cf", round * clients + i), locks)));
            var before = server is null ? default : await server.ReadAsync();
            var gcBefore = gc is null ? default : await gc.ReadAsync();
            var cpuBefore = appCpu?.ReadMilliseconds() ?? 0;
            var dbCpuBefore = dbCpu?.ReadMilliseconds() ?? 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                tokens[i] is null
                    ? Task.CompletedTask
                    : api.ConfirmAsync(slots[round * clients + i], tokens[i], Slots.ClientId("cf", round * clients + i), confirms)));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            appCpuMs += (appCpu?.ReadMilliseconds() ?? 0) - cpuBefore;
            dbCpuMs += (dbCpu?.ReadMilliseconds() ?? 0) - dbCpuBefore;
            if (gc is not null)
            {
                var gcAfter = await gc.ReadAsync();
                allocatedBytes += gcAfter.AllocatedBytes - gcBefore.AllocatedBytes;
                pausedSeconds += gcAfter.PausedSeconds - gcBefore.PausedSeconds;
            }
            confirmSeconds += elapsed;
            roundSeconds.Add(Math.Round(elapsed, 3));
            if (server is null) continue;
            var after = await server.ReadAsync();
            // Minus the counter's own SHOW STATUS statement.
            statements += after.Questions - before.Questions - 1;
            commits += after.Commits - before.Commits;
        }

        var confirmed = confirms.Count;
        double? appCpuPerConfirm = appCpu is null || confirmed == 0 ? null : Math.Round(appCpuMs / confirmed, 2);
        double? dbCpuPerConfirm = dbCpu is null || confirmed == 0 ? null : Math.Round(dbCpuMs / confirmed, 2);
        // Includes the one /metrics read per round and whatever the app did in the background meanwhile.
        double? appKbPerConfirm = gc is null || confirmed == 0 ? null : Math.Round(allocatedBytes / 1024 / confirmed, 1);
        double? appGcPauseMsPerConfirm = gc is null || confirmed == 0 ? null : Math.Round(pausedSeconds * 1000 / confirmed, 3);
        object extra = server is null || confirmed == 0
            ? new { rounds, round_seconds = roundSeconds, warmup_confirms = warmed.Count, warmup_seconds = warmupSeconds,
                warmup_booked_and_cancelled = warmupBookings, app_cpu_ms_per_confirm = appCpuPerConfirm, db_cpu_ms_per_confirm = dbCpuPerConfirm, app_kb_allocated_per_confirm = appKbPerConfirm, app_gc_pause_ms_per_confirm = appGcPauseMsPerConfirm }
            : new { rounds, round_seconds = roundSeconds, warmup_confirms = warmed.Count, warmup_seconds = warmupSeconds,
                warmup_booked_and_cancelled = warmupBookings, app_cpu_ms_per_confirm = appCpuPerConfirm, db_cpu_ms_per_confirm = dbCpuPerConfirm, app_kb_allocated_per_confirm = appKbPerConfirm, app_gc_pause_ms_per_confirm = appGcPauseMsPerConfirm, sql_statements_per_confirm = Math.Round((double)statements / confirmed, 2), commits_per_confirm = Math.Round((double)commits / confirmed, 2) };
        return [confirms.ToJson(confirmSeconds, clients, extra), locks.ToJson(confirmSeconds, clients)];
    }
}
