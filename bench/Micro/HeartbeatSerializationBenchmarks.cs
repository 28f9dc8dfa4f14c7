using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace AppointEase.Bench.Micro;

/// <summary>
/// A typical busy-day heartbeat (3 others looking, 2 locks, 5 booked) serialized the way the endpoint does it:
/// System.Text.Json with web defaults, plus the ETag (hash of the body without serverTime) it sends beside it.
/// </summary>
[MemoryDiagnoser]
public class HeartbeatSerializationBenchmarks
{
    private readonly HeartbeatShape _snapshot = new(
        ["09:30", "11:00", "15:30"], ["09:00", "10:00", "13:00", "14:00", "16:00"], ["10:30", "14:30"],
        "available", "redis", 1000, new DateTime(2026, 11, 23, 9, 15, 0, DateTimeKind.Utc));

    [Benchmark(Description = "Heartbeat JSON serialize")]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_snapshot, JsonSerializerOptions.Web);

    /// <summary>The ETag's hash until decision 157, kept beside the one in use so the report shows what it saved.</summary>
    [Benchmark(Description = "Heartbeat JSON + ETag (SHA-256, before)")]
    public string SerializeWithSha256ETag()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_snapshot with { ServerTime = default }, JsonSerializerOptions.Web);
        return Convert.ToHexStringLower(SHA256.HashData(bytes)[..16]);
    }

    [Benchmark(Description = "Heartbeat JSON + ETag (XxHash128)")]
    public string SerializeWithETag()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(_snapshot with { ServerTime = default }, JsonSerializerOptions.Web);
        return Convert.ToHexStringLower(XxHash128.Hash(bytes));
    }
}

/// <summary>The wire shape of the heartbeat response (HeartbeatSnapshot in Application/Slots).</summary>
public sealed record HeartbeatShape(
    IReadOnlyList<string> ActiveSelections,
    IReadOnlyList<string> BookedSlots,
    IReadOnlyList<string> LockedSlots,
    string RedisStatus,
    string StorageMode,
    int HeartbeatIntervalMs,
    DateTime ServerTime);
