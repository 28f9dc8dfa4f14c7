using StackExchange.Redis;

// A bare ASP.NET Core endpoint with the WebApi's host settings (WebApplication.CreateBuilder, Kestrel, the same
// environment variables for URLs, environment and logging). It binds the same JSON body the heartbeat takes and
// answers a fixed small JSON of a typical heartbeat's size, so wrk can send it the very same requests: the ratio
// heartbeat/baseline is what the application itself costs on this machine, whatever else the machine is doing.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var snapshot = new BaselineSnapshot([], [], [], "available", "redis", 1000, DateTime.UnixEpoch);

app.MapPost("/api/v1/heartbeat", (BaselineHeartbeat request) =>
    TypedResults.Ok(snapshot with { ServerTime = DateTime.UtcNow }));
app.MapGet("/health/ready", () => TypedResults.Ok(new { status = "Healthy" }));

// The floor of select and lock: the select's body bound the same way, then exactly one Redis command (a SET with the
// selection's 10 s expiry, on the multiplexer the app uses) before a reply of the select's size. redis-benchmark's SET
// measures Redis alone; this adds what any HTTP endpoint doing one Redis round trip pays on the same cores (Kestrel,
// binding, JSON, the client library), so select/lock over this floor is what the application itself adds.
if (Environment.GetEnvironmentVariable("BASELINE_REDIS") is { Length: > 0 } redisConfiguration)
{
    var redis = await ConnectionMultiplexer.ConnectAsync(redisConfiguration);
    var selected = new BaselineSelection(10);
    app.MapPost("/api/v1/slots/select", async (BaselineSelect request) =>
    {
        await redis.GetDatabase().StringSetAsync(
            $"bench_baseline_sel_{{{request.Date}:{request.EmployeeId}}}_{request.ClientId}", request.Time, TimeSpan.FromSeconds(10));
        return TypedResults.Ok(selected);
    });
}

await app.RunAsync();

internal sealed record BaselineHeartbeat(string? Date, int EmployeeId, string? ClientId, string? SelectedTime);

internal sealed record BaselineSelect(string? Date, int EmployeeId, string? Time, string? ClientId);

internal sealed record BaselineSelection(int ExpiresInSeconds);

internal sealed record BaselineSnapshot(
    IReadOnlyList<string> ActiveSelections,
    IReadOnlyList<string> BookedSlots,
    IReadOnlyList<string> LockedSlots,
    string RedisStatus,
    string StorageMode,
    int HeartbeatIntervalMs,
    DateTime ServerTime);
