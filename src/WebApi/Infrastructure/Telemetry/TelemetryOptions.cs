using System.ComponentModel.DataAnnotations;

namespace AppointEase.WebApi.Infrastructure.Telemetry;

/// <summary>Section "Telemetry". OTLP itself is configured by the standard OTEL_EXPORTER_OTLP_* variables.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Master switch for metrics, the /metrics endpoint and traces (decision 091: on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Record traces. Unset: only when OTEL_EXPORTER_OTLP_ENDPOINT is set, since spans nobody exports are pure cost.
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>Share of new traces recorded (parent-based: a sampled caller's trace is always continued).</summary>
    [Range(0.0, 1.0)]
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>
    /// Share of heartbeat polls traced (decision 120). Every open widget polls once a second, so at 100 % the spans of
    /// polls that mostly say "nothing changed" cost ~30 % of the heartbeat's throughput; 1 % still shows its shape.
    /// </summary>
    [Range(0.0, 1.0)]
    public double HeartbeatTraceSampleRatio { get; set; } = 0.01;

    /// <summary>Path of the Prometheus scrape endpoint; it requires an admin key (decision 090).</summary>
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string MetricsPath { get; set; } = "/metrics";
}
