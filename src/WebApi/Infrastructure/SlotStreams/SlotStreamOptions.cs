using System.ComponentModel.DataAnnotations;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>Section <c>SlotStreams</c>: the live slot stream (<c>GET /api/v1/slots/stream</c>, decisions 121–123).</summary>
public sealed class SlotStreamOptions
{
    public const string Section = "SlotStreams";

    /// <summary>Open streams one instance serves at most; beyond it a new one gets 503 + Retry-After (the widget polls instead).</summary>
    [Range(1, 1_000_000)]
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>Retry-After of that 503, in seconds.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// How often a day's shared reader re-reads it without a wake-up. It sees expiries and, in SQL mode, every change;
    /// with Redis, changes wake it at once.
    /// </summary>
    [Range(100, 60_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Seconds between <c>: keep-alive</c> comments, which keep idle proxies from closing a quiet stream.</summary>
    [Range(1, 300)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>The <c>retry:</c> hint: how long a browser waits before reconnecting a dropped stream.</summary>
    [Range(100, 600_000)]
    public int ReconnectMs { get; set; } = 3000;

    /// <summary>Events each day's reader keeps for <c>Last-Event-ID</c> resumes; an older id gets a fresh snapshot.</summary>
    [Range(0, 100_000)]
    public int ReplayEvents { get; set; } = 512;

    /// <summary>
    /// Events one stream may have waiting while its connection is slow; beyond it the stream is closed with a
    /// <c>closing</c> event (reason <c>overflow</c>) and the browser resumes with <c>Last-Event-ID</c>.
    /// </summary>
    [Range(16, 100_000)]
    public int StreamBuffer { get; set; } = 1024;
}
