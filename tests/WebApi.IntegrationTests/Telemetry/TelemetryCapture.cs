using System.Diagnostics;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// The OpenTelemetry SDK listens to meters and activity sources by name, process-wide, so spans and measurements of
/// other hosts would land in this host's exporters: telemetry tests run in this collection, alone (xunit runs
/// non-parallel collections after the parallel ones).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>The app's spans and metrics through the OpenTelemetry in-memory exporter.</summary>
public sealed class TelemetryCapture
{
    private readonly List<MetricSnapshot> _metrics = [];
    private AppFactory? _app;

    private readonly LockedCollection<Activity> _spans = new();

    /// <summary>Ended spans so far (a copy).</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Adds in-memory exporters to the app's tracer and meter providers (traces switched on).</summary>
    public AppFactory Attach(AppFactory app)
    {
        _app = app;
        app.With("Telemetry:Tracing", "true");
        var previous = app.ConfigureServices;
        app.ConfigureServices = services =>
        {
            previous?.Invoke(services);
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        };
        return app;
    }

    /// <summary>Collects now (observable gauges are read at this moment) and returns the latest snapshot of every metric.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Collect()
    {
        var provider = _app!.Services.GetRequiredService<MeterProvider>();
        lock (_metrics)
        {
            _metrics.Clear();
            // The result is false whatever happens: the Prometheus exporter's reader only collects on a scrape. The
            // in-memory reader has collected when this returns.
            provider.ForceFlush(10_000);
            Assert.NotEmpty(_metrics);
            return _metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        }
    }

    public static long Sum(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    public static long Gauge(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Select(p => p.GetGaugeLastValueLong()).Single();

    public static long HistogramCount(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetHistogramCount());

    private static IEnumerable<MetricPoint> Points(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, (string Key, string Value)[] tags)
    {
        if (!metrics.TryGetValue(name, out var metric)) return [];
        return metric.MetricPoints.Where(p =>
        {
            var pointTags = new Dictionary<string, object?>();
            foreach (var tag in p.Tags) pointTags[tag.Key] = tag.Value;
            return tags.All(t => pointTags.TryGetValue(t.Key, out var v) && v?.ToString() == t.Value);
        });
    }

    /// <summary>Spans end on many threads; the exporter adds to this while a test reads it.</summary>
    private sealed class LockedCollection<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;
        public void Add(T item) { lock (_items) _items.Add(item); }
        public void Clear() { lock (_items) _items.Clear(); }
        public bool Contains(T item) { lock (_items) return _items.Contains(item); }
        public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
        public bool Remove(T item) { lock (_items) return _items.Remove(item); }
        public List<T> Snapshot() { lock (_items) return [.. _items]; }
        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
