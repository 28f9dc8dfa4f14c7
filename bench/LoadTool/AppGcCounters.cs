using System.Globalization;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// The app's GC so far, from its own /metrics: total bytes allocated and total time paused, read with the run's admin key
/// (BENCH_ADMIN_KEY). Unlike throughput on the shared cores, the bytes repeat between runs to within a few per cent, so a
/// change to a confirm's garbage is judged from one run (decisions 143, 144); the pauses say what that garbage costs.
/// </summary>
internal sealed class AppGcCounters(HttpClient http, string adminKey)
{
    private const string Allocated = "dotnet_gc_heap_total_allocated_bytes_total";
    private const string Paused = "dotnet_gc_pause_time_seconds_total";

    public static AppGcCounters? FromEnvironment(HttpClient http) =>
        Environment.GetEnvironmentVariable("BENCH_ADMIN_KEY") is { Length: > 0 } key ? new AppGcCounters(http, key) : null;

    public async Task<(double AllocatedBytes, double PausedSeconds)> ReadAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Admin-Key", adminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        return (Value(lines, Allocated), Value(lines, Paused));
    }

    /// <summary>The first sample of a metric: <c>name{labels} value [timestamp]</c>.</summary>
    private static double Value(string[] lines, string metric)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length <= metric.Length || line[metric.Length] is not (' ' or '{')) continue;
            var value = line[(line.IndexOf('}') is >= 0 and var close ? close + 1 : metric.Length)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/metrics has no {metric}");
    }
}
