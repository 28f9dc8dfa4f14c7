using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>Section <c>SlotState</c>: how the Redis health monitor paces itself (TTLs of holds are business settings).</summary>
public sealed class SlotStateOptions
{
    public const string Section = "SlotState";

    /// <summary>How often the health key is written and read back; also how fast recovery is noticed.</summary>
    [Range(50, 60_000)]
    public int HealthCheckIntervalMs { get; set; } = 1000;

    /// <summary>TTL of <c>{prefix}_health</c>: long enough to outlive several check intervals, short enough to vanish with us.</summary>
    [Range(1, 600)]
    public int HealthKeyTtlSeconds { get; set; } = 5;
}
