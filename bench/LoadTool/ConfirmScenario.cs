using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// --clients visitors (100) each lock their own slot, then all confirm at the same moment; --rounds times with new
/// slots, after one untimed warm-up round like the floor's. Only the confirm calls are timed into "confirm";
/// throughput is confirms per second of confirm phases. With --connection (the bench database) it also reports
/// MariaDB's statements and commits per confirm, counted on the server.
/// </summary>
internal static class ConfirmScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 100);
        var rounds = options.Int("rounds", 3);
        using var http = Api.CreateClient(baseUri, clients);
        var api = new Api(http);
        var slots = await Slots.DiscoverAsync(api, clients * (rounds + 1));
        // The far end of the horizon, so the other scenarios' near-term slots stay free.
        slots = slots.TakeLast(clients * (rounds + 1)).ToList();
        var locks = new Recorder("confirm-lock");
        var confirms = new Recorder("confirm");
        var confirmSeconds = 0.0;
        var roundSeconds = new List<double>();

        // Warm the app the way the floor warms its pool (one untimed booking per client): the first confirms after
        // start-up pay for JIT compilation and new connections, which a serving instance paid long ago.
        var warmup = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
            api.LockAsync(slots[rounds * clients + i], Slots.ClientId("cw", i), new Recorder("confirm-warmup-lock"))));
        var warmed = new Recorder("confirm-warmup");
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
            warmup[i] is null ? Task.CompletedTask : api.ConfirmAsync(slots[rounds * clients + i], warmup[i], Slots.ClientId("cw", i), warmed)));
        // With --connection: MariaDB's own count of statements (Questions) and commits over the confirm phases, per confirm.
        var server = options.String("connection", "") is { Length: > 0 } c ? new ServerCounters(c) : null;
        var statements = 0L;
        var commits = 0L;

        for (var round = 0; round < rounds; round++)
        {
            var tokens = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                api.LockAsync(slots[round * clients + i], Slots.ClientId("cf", round * clients + i), locks)));
            var before = server is null ? default : await server.ReadAsync();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                tokens[i] is null
                    ? Task.CompletedTask
                    : api.ConfirmAsync(slots[round * clients + i], tokens[i], Slots.ClientId("cf", round * clients + i), confirms)));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            confirmSeconds += elapsed;
            roundSeconds.Add(Math.Round(elapsed, 3));
            if (server is null) continue;
            var after = await server.ReadAsync();
            // Minus the counter's own SHOW STATUS statement.
            statements += after.Questions - before.Questions - 1;
            commits += after.Commits - before.Commits;
        }

        var confirmed = confirms.Count;
        object extra = server is null || confirmed == 0
            ? new { rounds, round_seconds = roundSeconds, warmup_confirms = warmed.Count }
            : new { rounds, round_seconds = roundSeconds, warmup_confirms = warmed.Count,
                sql_statements_per_confirm = Math.Round((double)statements / confirmed, 2), commits_per_confirm = Math.Round((double)commits / confirmed, 2) };
        return [confirms.ToJson(confirmSeconds, clients, extra), locks.ToJson(confirmSeconds, clients)];
    }
}
