using System.Net.Http.Json;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// Issue 19, acceptance 3: Redis killed mid-stream. The stream stays open, says <c>store-mode</c> mysql and keeps
/// reporting changes (from SQL); after Redis is back and the failback sync ran, it says redis again.
/// </summary>
public sealed class SlotStreamRedisOutageTests : IAsyncLifetime
{
    private const int Employee = 1;
    private PrivateRedisServer _redis = null!;
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _redis = await PrivateRedisServer.StartAsync();
        _app = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("ConnectionStrings:Redis", _redis.Endpoint)
            .With("SlotState:HealthCheckIntervalMs", "200")
            .Listening();
        _client = _app.StreamClient();
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        await _app.Services.GetRequiredService<RedisSlotChangeFeed>().Subscribed;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task SelectAsync(DateOnly date, string time, string clientId) =>
        (await _client.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = Employee, time, clientId })).EnsureSuccessStatusCode();

    [Fact]
    public async Task RedisKilledMidStream_StreamCarriesOnFromSqlAndSaysSo_ThenReturnsToRedis()
    {
        var date = TestDates.Weekday(28);
        await using var stream = await SseStream.OpenAsync(_client, SseStream.Url(date, Employee, "viewer-outage-1"));
        Assert.Equal("redis", (await stream.NextAsync()).Data.GetProperty("storageMode").GetString());
        await SelectAsync(date, "10:00", "visitor-outage-1");
        Assert.True(await stream.NextAsync() is { Type: "selected", Time: "10:00" });

        await _redis.KillAsync();
        var mode = await stream.NextOfTypeAsync("store-mode");
        Assert.Equal("mysql", mode.Data.GetProperty("storageMode").GetString());
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);
        await SelectAsync(date, "11:00", "visitor-outage-2");
        var seen = await stream.NextAsync(TimeSpan.FromSeconds(3));
        Assert.True(seen is { Type: "selected", Time: "11:00" }, $"got {seen}");

        await _redis.StartAgainAsync();
        var back = await stream.NextOfTypeAsync("store-mode", TimeSpan.FromSeconds(20));
        Assert.Equal("redis", back.Data.GetProperty("storageMode").GetString());
        var resynced = await stream.NextAsync();
        Assert.Equal("snapshot", resynced.Type);
        Assert.Contains("11:00", resynced.Data.GetProperty("activeSelections").EnumerateArray().Select(e => e.GetString()));
    }
}
