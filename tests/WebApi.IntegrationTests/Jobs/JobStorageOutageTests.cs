using System.Net;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>Redis job storage on a private redis-server that is down when the app starts.</summary>
public sealed class JobStorageOutageTests : IAsyncLifetime
{
    private readonly PrivateRedis _redis = new();
    private AppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new AppFactory(DatabaseKind.Sqlite)
            .With("Jobs:Storage", "Redis")
            .With("ConnectionStrings:Jobs", _redis.Endpoint)
            .With("Jobs:RedisPrefix", $"test:{Guid.NewGuid():N}:hangfire:")
            .With("Jobs:StorageRetryMaxSeconds", "1");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task App_StartedWithJobRedisDown_ServesRequests_AndRunsJobsOnceRedisStarts()
    {
        var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await JobsHealth.StatusAsync(ready));

        await _redis.StartAsync();
        await Eventually.WaitUntilAsync(async () => await JobsHealth.StatusAsync(await client.GetAsync("/health/ready")) == "Healthy",
            TimeSpan.FromSeconds(30), "job storage healthy and job server running");

        var storage = _app.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
            Assert.Contains("slot-state-cleanup", connection.GetAllItemsFromSet("recurring-jobs"));
        _app.Services.GetRequiredService<IRecurringJobManager>().Trigger("slot-state-cleanup");
        await Eventually.WaitUntilAsync(() => Task.FromResult(storage.GetMonitoringApi().SucceededListCount() >= 1),
            TimeSpan.FromSeconds(30), "a job succeeded on the Redis storage");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/services")).StatusCode);
    }
}
