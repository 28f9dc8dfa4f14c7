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

await app.RunAsync();

internal sealed record BaselineHeartbeat(string? Date, int EmployeeId, string? ClientId, string? SelectedTime);

internal sealed record BaselineSnapshot(
    IReadOnlyList<string> ActiveSelections,
    IReadOnlyList<string> BookedSlots,
    IReadOnlyList<string> LockedSlots,
    string RedisStatus,
    string StorageMode,
    int HeartbeatIntervalMs,
    DateTime ServerTime);
