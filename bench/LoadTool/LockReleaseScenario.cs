using System.Diagnostics;

namespace AppointEase.Bench.LoadTool;

/// <summary>Each client locks one of its own free slots and releases it again, as fast as it can, for --seconds.</summary>
internal static class LockReleaseScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var clients = options.Int("clients", 50);
        var seconds = options.Double("seconds", 8);
        var cap = options.Int("max-requests", 200_000);
        using var http = Api.CreateClient(baseUri, clients);
        var api = new Api(http);
        var slots = await Slots.DiscoverAsync(api, clients * 2);
        var locks = new Recorder("lock");
        var releases = new Recorder("release");
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sent = 0;
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(Enumerable.Range(0, clients).Select(async i =>
        {
            var clientId = Slots.ClientId("lr", i);
            var mine = new[] { slots[i], slots[clients + i] };
            for (var n = 0; Stopwatch.GetTimestamp() < deadline && Interlocked.Add(ref sent, 2) <= cap; n++)
            {
                var token = await api.LockAsync(mine[n % 2], clientId, locks);
                if (token is not null) await api.ReleaseAsync(token, clientId, releases);
            }
        }));

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return [locks.ToJson(elapsed, clients), releases.ToJson(elapsed, clients)];
    }
}
