using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>The stream's limits (per client, per instance) and its clean end when the instance stops.</summary>
public sealed class SlotStreamLimitsTests
{
    private const int Employee = 1;

    /// <summary>Runs <paramref name="test"/> on its own app, disposed the fixture way (its database folder too).</summary>
    private static async Task WithAppAsync(AppFactory app, Func<HttpClient, Task> test)
    {
        try
        {
            using var client = app.StreamClient();
            await test(client);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }

    [Fact]
    public Task BeyondTheInstanceCap_ANewStreamIs503WithRetryAfter() =>
        WithAppAsync(new AppFactory(DatabaseKind.Sqlite).With("SlotStreams:MaxStreams", "1").Listening(), async client =>
    {
        var date = TestDates.Weekday(29);
        await using var open = await SseStream.OpenAsync(client, SseStream.Url(date, Employee, "first-visitor-1"));
        Assert.Equal("snapshot", (await open.NextAsync()).Type);

        var refused = await client.GetAsync(SseStream.Url(date, Employee, "second-visitor-1"));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("too_many_streams", problem.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
    });

    [Fact]
    public Task OverTheStreamsPerClientLimit_Is429WithRetryAfter() =>
        WithAppAsync(new AppFactory(DatabaseKind.Sqlite).With("RateLimits:StreamsPerClient:PermitLimit", "2").Listening(), async client =>
    {
        var url = SseStream.Url(TestDates.Weekday(29), employeeId: 999_999, "eager-visitor-1"); // 404s count as opens too

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var refused = await client.GetAsync(url);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
    });

    [Fact]
    public async Task WhenTheInstanceStops_OpenStreamsEndWithAClosingEvent()
    {
        var app = new AppFactory(DatabaseKind.Sqlite).Listening();
        using var client = app.StreamClient();
        await using var stream = await SseStream.OpenAsync(client, SseStream.Url(TestDates.Weekday(29), Employee, "leaving-visitor-1"));
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);

        var stopping = Task.Run(async () => await ((IAsyncLifetime)app).DisposeAsync());
        var closing = await stream.NextOfTypeAsync("closing");

        Assert.Equal("shutdown", closing.Data.GetProperty("reason").GetString());
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
