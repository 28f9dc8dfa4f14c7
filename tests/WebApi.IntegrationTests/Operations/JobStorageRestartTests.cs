using System.Net;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>The job storage's Redis restarts without persistence: everything Hangfire knew is gone.</summary>
public sealed class JobStorageRestartTests : IAsyncLifetime
{
    private static readonly string[] RecurringJobIds =
        ["slot-state-cleanup", "email-outbox", "appointment-reminders", "expired-data-purge", "slot-failback-safety-net", "redis-day-index-prune"];

    private readonly Jobs.PrivateRedis _redis = new();
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        await _redis.StartAsync();
        _app = new AppFactory(DatabaseKind.Sqlite)
            .With("Jobs:Storage", "Redis")
            .With("ConnectionStrings:Jobs", _redis.Endpoint)
            .With("Jobs:RedisPrefix", $"test:{Guid.NewGuid():N}:hangfire:")
            .With("Jobs:StorageRetryMaxSeconds", "1")
            .With("Jobs:RegistrationCheckSeconds", "5");
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisRestartedEmpty_RecurringJobsAreRegisteredAgainAndRunWithin60s()
    {
        var client = _app.CreateClient();
        await Eventually.WaitUntilAsync(async () => await JobsHealth.StatusAsync(client) == "Healthy", TimeSpan.FromSeconds(30), "jobs healthy before the restart");
        var storage = _app.Services.GetRequiredService<JobStorage>();

        _redis.Stop();
        await _redis.StartAsync();
        var restartedAt = DateTime.UtcNow;

        await Eventually.WaitUntilAsync(() => Task.FromResult(RegisteredAndRan(storage)), TimeSpan.FromSeconds(60),
            "every recurring job registered again, listed with a server, and run on the empty storage");
        Assert.True(DateTime.UtcNow - restartedAt < TimeSpan.FromSeconds(60));
        await Eventually.WaitUntilAsync(async () => await JobsHealth.StatusAsync(client) == "Healthy", TimeSpan.FromSeconds(30), "jobs healthy after the restart");
    }

    [Fact]
    public async Task Readiness_WhileRecurringJobsAreMissing_IsNotHealthyForJobs()
    {
        var client = _app.CreateClient();
        await Eventually.WaitUntilAsync(async () => await JobsHealth.StatusAsync(client) == "Healthy", TimeSpan.FromSeconds(30), "jobs healthy");
        var storage = _app.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            // What an empty Redis looks like to Hangfire's recurring-job bookkeeping, without waiting for a restart.
            transaction.RemoveFromSet("recurring-jobs", "email-outbox");
            transaction.Commit();
        }

        var report = JsonDocument.Parse(await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync()).RootElement;

        var jobs = report.GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Degraded", jobs.GetProperty("status").GetString());
        Assert.Contains("email-outbox", jobs.GetProperty("description").GetString());
    }

    private static bool RegisteredAndRan(JobStorage storage)
    {
        try
        {
            using var connection = storage.GetConnection();
            var registered = connection.GetAllItemsFromSet("recurring-jobs");
            return RecurringJobIds.All(registered.Contains)
                && storage.GetMonitoringApi().Servers().Count >= 1
                && storage.GetMonitoringApi().SucceededListCount() >= 1;
        }
        catch (Exception)
        {
            return false;   // Redis still reconnecting
        }
    }
}
