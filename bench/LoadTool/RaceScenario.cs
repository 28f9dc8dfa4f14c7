using System.Diagnostics;
using System.Net.Http.Json;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// A booking race: --attempts confirms (10,000) spread over --slots free slots (200) at the far end of the horizon,
/// all contenders of a slot sent at once without a lock token, so the database's unique key alone decides; at most
/// --concurrency requests in flight. Through a load balancer the contenders of one slot land on every instance.
/// Prints one JSON line: attempts, status counts and how many slots ended with 0, 1 or more winners (must be 1 each).
/// </summary>
internal static class RaceScenario
{
    public static async Task<string[]> RunAsync(Uri baseUri, Options options)
    {
        var slotCount = options.Int("slots", 200);
        var attempts = options.Int("attempts", 10_000);
        var concurrency = options.Int("concurrency", 100);
        var perSlot = Math.Max(2, attempts / slotCount);
        await using var requestLog = RequestLog.From(options);
        using var http = Api.CreateClient(baseUri, concurrency, requestLog);
        var api = new Api(http);
        var slots = (await Slots.DiscoverAsync(api, slotCount)).TakeLast(slotCount).ToList();
        var statuses = new Dictionary<int, int>();
        var winners = new int[slots.Count];
        var recorder = new Recorder("race");
        using var gate = new SemaphoreSlim(concurrency);
        var started = Stopwatch.GetTimestamp();

        await Task.WhenAll(slots.SelectMany((slot, s) => Enumerable.Range(0, perSlot).Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                var status = await api.BookAsync(slot, Slots.ClientId("race", s * perSlot + c), recorder);
                lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status == 201) Interlocked.Increment(ref winners[s]);
            }
            finally { gate.Release(); }
        })));

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var summary = new
        {
            slots = slots.Count,
            attempts = slots.Count * perSlot,
            statuses = statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
            slots_with_one_winner = winners.Count(w => w == 1),
            slots_without_winner = winners.Count(w => w == 0),
            slots_with_several_winners = winners.Count(w => w > 1),
            booked = slots.Select((slot, s) => winners[s] > 0 ? $"{slot.Date} {slot.Time} {slot.EmployeeId}" : null).OfType<string>().ToArray(),
        };
        return [recorder.ToJson(elapsed, concurrency, summary)];
    }
}
