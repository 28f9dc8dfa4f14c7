namespace AppointEase.Infrastructure.Bookings;

public enum IdempotencyStatus
{
    InFlight = 0,
    Completed = 1,
}

/// <summary>
/// One use of an Idempotency-Key: unique by key, so only one request can own it. Since decision 127 a row is written
/// completed, in the booking's own batch; in-flight rows, their owner and lease come from earlier versions (a rolling
/// deploy) and are still honoured.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    /// <summary>SHA-256 (hex) of the request, to tell a retry from a different request reusing the key.</summary>
    public string RequestHash { get; set; } = "";
    public IdempotencyStatus Status { get; set; }
    /// <summary>Random id of the request that owns the key; completion and abandonment only touch their own row.</summary>
    public string Owner { get; set; } = "";
    /// <summary>An in-flight row whose owner died (process crash, DB outage) may be taken over after this instant.</summary>
    public DateTime LeaseUntilUtc { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
}
