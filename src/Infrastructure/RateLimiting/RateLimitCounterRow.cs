namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>One fixed window of one bucket in SQL; the unique (bucket, window start) key makes concurrent first hits safe.</summary>
public sealed class RateLimitCounterRow
{
    public long Id { get; set; }
    public string Bucket { get; set; } = "";
    public DateTime WindowStartUtc { get; set; }
    public int Count { get; set; }
    public DateTime ExpiresUtc { get; set; }
}
