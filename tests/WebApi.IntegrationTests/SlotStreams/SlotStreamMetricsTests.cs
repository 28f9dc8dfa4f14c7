using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Telemetry;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// The operators' view of the streams (decision 133): <c>appointease.slot_streams.open</c>, <c>.readers</c> and
/// <c>.refused</c> through the OpenTelemetry in-memory exporter, on a real socket with an instance cap of two.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SlotStreamMetricsTests : IAsyncLifetime
{
    private const int Employee = 1;
    private readonly TelemetryCapture _telemetry = new();
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = _telemetry.Attach(new AppFactory(DatabaseKind.Sqlite).With("SlotStreams:MaxStreams", "2").Listening());
        _client = _app.StreamClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    [Fact]
    public async Task OpenStreams_AreCountedWhileOpen_RefusalsAtTheCapCounted_AndClosedOnesTakenOff()
    {
        var date = TestDates.Weekday(27);
        var first = await SseStream.OpenAsync(_client, SseStream.Url(date, Employee, "metric-visitor-1"));
        Assert.Equal("snapshot", (await first.NextAsync()).Type);
        await using var second = await SseStream.OpenAsync(_client, SseStream.Url(date, Employee, "metric-visitor-2"));
        Assert.Equal("snapshot", (await second.NextAsync()).Type);

        var open = _telemetry.Collect();
        Assert.Equal(2, TelemetryCapture.Sum(open, "appointease.slot_streams.open"));
        Assert.Equal(1, TelemetryCapture.Sum(open, "appointease.slot_streams.readers")); // one day, one shared reader
        Assert.Equal(0, TelemetryCapture.Sum(open, "appointease.slot_streams.refused"));

        var refused = await _client.GetAsync(SseStream.Url(date, Employee, "metric-visitor-3"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var atCap = _telemetry.Collect();
        Assert.Equal(1, TelemetryCapture.Sum(atCap, "appointease.slot_streams.refused"));
        Assert.Equal(2, TelemetryCapture.Sum(atCap, "appointease.slot_streams.open"));

        await first.DisposeAsync(); // the browser leaves: the server sees the connection go at its next write or read
        var left = await EventuallyAsync(() => TelemetryCapture.Sum(_telemetry.Collect(), "appointease.slot_streams.open"), 1);
        Assert.Equal(1, left);
        Assert.Equal(1, TelemetryCapture.Sum(_telemetry.Collect(), "appointease.slot_streams.readers"));
    }

    /// <summary>A closed stream is noticed at its next keep-alive (every second here): polls up to 10 s.</summary>
    private static async Task<long> EventuallyAsync(Func<long> read, long expected)
    {
        var value = read();
        for (var i = 0; i < 100 && value != expected; i++)
        {
            await Task.Delay(100);
            value = read();
        }
        return value;
    }
}
