using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// --clients visitors (100) each lock their own slot, then all confirm at the same moment; --rounds times with new
/// slots. Only the confirm calls are timed into "confirm"; throughput is confirms per second of confirm phases.
/// </summary>
internal static class ConfirmScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 100);
        var rounds = options.Int("rounds", 3);
        using var http = Api.CreateClient(baseUri, clients);
        var api = new Api(http);
        var slots = await Slots.DiscoverAsync(api, clients * rounds);
        // The far end of the horizon, so the other scenarios' near-term slots stay free.
        slots = slots.TakeLast(clients * rounds).ToList();
        var locks = new Recorder("confirm-lock");
        var confirms = new Recorder("confirm");
        var confirmSeconds = 0.0;

        for (var round = 0; round < rounds; round++)
        {
            var tokens = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                api.LockAsync(slots[round * clients + i], Slots.ClientId("cf", round * clients + i), locks)));
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
                tokens[i] is null
                    ? Task.CompletedTask
                    : api.ConfirmAsync(slots[round * clients + i], tokens[i], Slots.ClientId("cf", round * clients + i), confirms)));
            confirmSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        return [confirms.ToJson(confirmSeconds, clients, new { rounds }), locks.ToJson(confirmSeconds, clients)];
    }
}
