using System.Net.Http.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AppointEase.WebApi.Infrastructure.SlotStreams;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// SQL mode (no Redis at all): the stream works from the shared once-a-second read, and several streams of one day share
/// one reader, dropped with the last stream.
/// </summary>
public sealed class SlotStreamSqlModeTests(SlotStreamSqlModeTests.App fixture) : IClassFixture<SlotStreamSqlModeTests.App>
{
    private const int Employee = 1;

    public sealed class App : IAsyncLifetime
    {
        public AppFactory Factory { get; } = new AppFactory(DatabaseKind.Sqlite).Listening();
        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = Factory.StreamClient();
            return Task.CompletedTask;
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    [Fact]
    public async Task InSqlMode_StreamsOfOneDayShareOneReader_AndSeeASelectionWithinTwoSeconds()
    {
        var date = TestDates.Weekday(27);
        var hubs = fixture.Factory.Services.GetRequiredService<SlotDayHubs>();
        var before = hubs.Readers;
        await using var first = await SseStream.OpenAsync(fixture.Client, SseStream.Url(date, Employee, "viewer-sql-1"));
        await using var second = await SseStream.OpenAsync(fixture.Client, SseStream.Url(date, Employee, "viewer-sql-2"));
        var snapshot = await first.NextAsync();
        Assert.Equal("mysql", snapshot.Data.GetProperty("storageMode").GetString());
        Assert.Equal("snapshot", (await second.NextAsync()).Type);
        Assert.Equal(before + 1, hubs.Readers);

        var selected = await fixture.Client.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = Employee, time = "10:00", clientId = "visitor-sql-1" });
        selected.EnsureSuccessStatusCode();

        foreach (var stream in new[] { first, second })
        {
            var seen = await stream.NextAsync(TimeSpan.FromSeconds(2.5));
            Assert.True(seen is { Type: "selected", Time: "10:00" }, $"got {seen}");
        }
    }
}
