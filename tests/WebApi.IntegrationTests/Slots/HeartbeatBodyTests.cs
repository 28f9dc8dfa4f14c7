using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppointEase.Application.Slots;
using AppointEase.WebApi.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>The heartbeat's one-serialization body and ETag, without a server.</summary>
public sealed class HeartbeatBodyTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private readonly HeartbeatBody _body = new((JsonTypeInfo<HeartbeatSnapshot>)Web.GetTypeInfo(typeof(HeartbeatSnapshot)));

    private static HeartbeatSnapshot Snapshot(DateTime serverTime, params string[] booked) =>
        new(["09:30"], booked, [], "available", "redis", 1000, serverTime);

    [Fact]
    public void HeartbeatBody_IsExactlyWhatTheJsonSerializerWritesForTheSnapshot()
    {
        var snapshot = Snapshot(new DateTime(2026, 11, 23, 10, 0, 0, 123, DateTimeKind.Utc), "10:00");

        var (json, _) = _body.Serialize(snapshot);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot, Web), json);
    }

    /// <summary>
    /// The app's body comes from the source-generated context's own options (decision 150); its bytes must be what the
    /// API's JSON options (ASP.NET Core's, with their relaxed encoder and the context first in the chain) write.
    /// </summary>
    [Fact]
    public void HeartbeatBody_FromTheSourceGeneratedContext_IsWhatTheApiOptionsWrite()
    {
        var api = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;
        api.MaxDepth = 16;
        HeartbeatJsonContext.AddTo(api);
        var generated = new HeartbeatBody();
        var snapshots = new[]
        {
            Snapshot(new DateTime(2026, 11, 23, 10, 0, 0, 123, DateTimeKind.Utc), "10:00", "10:30"),
            new HeartbeatSnapshot([], [], [], "unavailable", "mysql", 2500, new DateTime(2026, 3, 29, 1, 59, 59, DateTimeKind.Utc).AddTicks(1234567)),
            new HeartbeatSnapshot(["09:00", "09:30"], ["10:00"], ["11:00"], "available", "redis", 1000, DateTime.MinValue.ToUniversalTime()),
        };

        foreach (var snapshot in snapshots)
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot, api), generated.Serialize(snapshot).Utf8Json);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(snapshot, Web), generated.Serialize(snapshot).Utf8Json);
        }
        Assert.Same(HeartbeatJsonContext.Default, api.GetTypeInfo(typeof(HeartbeatSnapshot)).OriginatingResolver);
    }

    /// <summary>
    /// What keeps the body on the generator's fast path: serializing it allocates little more than the output array.
    /// Through the API's options the same snapshot takes the metadata path and its stack of frames (about 540 bytes
    /// against 230 on .NET 10), which is the difference this bound catches.
    /// </summary>
    [Fact]
    public void HeartbeatBody_AllocatesLittleMoreThanItsBytes()
    {
        var body = new HeartbeatBody();
        var snapshot = Snapshot(new DateTime(2026, 11, 23, 10, 0, 0, 123, DateTimeKind.Utc), "10:00", "10:30");
        var length = body.Serialize(snapshot).Utf8Json.Length;
        for (var i = 0; i < 100; i++) body.Serialize(snapshot);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) body.Serialize(snapshot);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        // The output array (its bytes + a 24-byte header), the ETag string (34 chars: about 100 bytes) and 128 bytes of
        // slack; the metadata path adds about 310 more.
        Assert.True(perCall < length + 24 + 100 + 128, $"{perCall} bytes allocated per serialization of a {length}-byte body");
    }

    [Fact]
    public void HeartbeatETag_IgnoresServerTime_ButChangesWithTheContent()
    {
        var (_, first) = _body.Serialize(Snapshot(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), "10:00"));
        var (_, later) = _body.Serialize(Snapshot(new DateTime(2026, 11, 23, 10, 0, 1, 987, DateTimeKind.Utc), "10:00"));
        var (_, changed) = _body.Serialize(Snapshot(new DateTime(2026, 11, 23, 10, 0, 1, DateTimeKind.Utc), "10:00", "10:30"));

        Assert.Equal(first, later);
        Assert.NotEqual(first, changed);
        Assert.Matches("^\"[0-9a-f]{32}\"$", first);
    }

    [Fact]
    public void HeartbeatETag_OfALargeDay_IsStillComputed()
    {
        var many = Enumerable.Range(0, 300).Select(i => $"{i / 60 % 24:00}:{i % 60:00}").ToArray();

        var (json, etag) = _body.Serialize(Snapshot(DateTime.UtcNow, many));

        Assert.True(json.Length > 1024);
        Assert.Equal(etag, _body.Serialize(Snapshot(DateTime.UtcNow.AddSeconds(5), many)).ETag);
    }
}
