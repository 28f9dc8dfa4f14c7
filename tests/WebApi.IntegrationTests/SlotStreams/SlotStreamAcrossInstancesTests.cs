using System.Diagnostics;
using System.Net.Http.Json;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// Issue 19, acceptance 2: two instances of one deployment (one MariaDB, one Redis); a selection made through one shows
/// on a stream served by the other in under a second, woken by Redis pub/sub rather than by the poll.
/// </summary>
public sealed class SlotStreamAcrossInstancesTests : IAsyncLifetime
{
    private const int Employee = 1;
    private readonly string _name = AppFactory.NewName();
    private AppFactory _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        _a = new AppFactory(DatabaseKind.MariaDb, useRedis: true, _name).Listening();
        _a.StreamClient().Dispose(); // the first instance migrates and seeds before the second starts
        _b = new AppFactory(DatabaseKind.MariaDb, useRedis: true, _name).Listening();
        _b.StreamClient().Dispose();
        await _a.Services.GetRequiredService<RedisSlotChangeFeed>().Subscribed;
        await _b.Services.GetRequiredService<RedisSlotChangeFeed>().Subscribed;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_b).DisposeAsync();
        await ((IAsyncLifetime)_a).DisposeAsync();
    }

    [Fact]
    public async Task ASelectionThroughOneInstance_ReachesAStreamServedByAnother_WithinASecond()
    {
        var date = TestDates.Weekday(26);
        using var clientA = _a.StreamClient();
        using var clientB = _b.StreamClient();
        await using var stream = await SseStream.OpenAsync(clientB, SseStream.Url(date, Employee, "viewer-on-b-1"));
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);

        var watch = Stopwatch.StartNew();
        var selected = await clientA.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = Employee, time = "10:00", clientId = "visitor-on-a-1" });
        selected.EnsureSuccessStatusCode();
        var seen = await stream.NextAsync();
        watch.Stop();

        Assert.True(seen is { Type: "selected", Time: "10:00" }, $"got {seen}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"seen on instance B after {watch.Elapsed.TotalMilliseconds:0} ms");
    }
}
