using System.Diagnostics;
using System.Text.Json;

namespace AppointEase.Bench.LoadTool;

/// <summary>Thread-safe latency samples of one operation, summarised as one JSON line for bench/run.sh.</summary>
internal sealed class Recorder(string scenario)
{
    private readonly List<double> _millis = [];
    private readonly Lock _gate = new();
    private long _errors;
    private string? _firstError;

    public string Scenario { get; } = scenario;

    public int Count
    {
        get { lock (_gate) return _millis.Count - (int)Interlocked.Read(ref _errors); }
    }

    public void Ok(double ms)
    {
        lock (_gate) _millis.Add(ms);
    }

    public void Error(double ms, string what)
    {
        Interlocked.Increment(ref _errors);
        lock (_gate) { _millis.Add(ms); _firstError ??= what; }
    }

    public static double Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public string ToJson(double seconds, int clients, object? extra = null)
    {
        double[] sorted;
        lock (_gate) sorted = [.. _millis.Order()];
        var line = new Dictionary<string, object?>
        {
            ["scenario"] = Scenario,
            ["clients"] = clients,
            ["requests"] = sorted.Length,
            ["seconds"] = Math.Round(seconds, 3),
            ["rps"] = sorted.Length == 0 || seconds <= 0 ? 0 : Math.Round(sorted.Length / seconds, 1),
            ["p50_ms"] = Percentile(sorted, 50),
            ["p95_ms"] = Percentile(sorted, 95),
            ["p99_ms"] = Percentile(sorted, 99),
            ["max_ms"] = sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 3),
            ["errors"] = Interlocked.Read(ref _errors),
            ["first_error"] = _firstError,
            ["extra"] = extra,
        };
        return JsonSerializer.Serialize(line);
    }

    /// <summary>Nearest-rank percentile, as wrk reports them.</summary>
    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(rank, 0, sorted.Length - 1)], 3);
    }
}
