using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Redis;

/// <summary>Section <c>Redis</c>; the endpoint is <c>ConnectionStrings:Redis</c> (empty = no Redis, SQL mode).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>First word of every key (appointease_lock_…); tests use a private prefix per app instance.</summary>
    [Required, RegularExpression("^[a-z0-9_]{1,40}$")]
    public string KeyPrefix { get; set; } = "appointease";

    /// <summary>Short on purpose: a slow Redis must fail over to SQL quickly rather than stall the request.</summary>
    [Range(50, 10_000)]
    public int ConnectTimeoutMs { get; set; } = 1000;

    /// <summary>
    /// Budget of one command, including the time it waits behind others on the one multiplexer connection. 1 s
    /// (decision 095): StackExchange.Redis checks it on its 1 s heartbeat, so 500 ms fired after 0.5–1.5 s anyway, and
    /// under a booking burst on a busy machine it fired while Redis had already answered, flipping the instance to SQL.
    /// </summary>
    [Range(50, 10_000)]
    public int OperationTimeoutMs { get; set; } = 1000;
}
