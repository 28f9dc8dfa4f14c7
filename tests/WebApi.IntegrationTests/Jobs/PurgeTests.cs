using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Jobs.Purges;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Reliability;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

public sealed class PurgeTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(DatabaseKind.Sqlite);
    private static readonly RecordingPurger Recording = new();
    private readonly CapturedLogs _logs = new();

    public Task InitializeAsync()
    {
        _app.ConfigureServices = services =>
        {
            services.AddSingleton<IExpiredDataPurger, FailingPurger>();
            services.AddSingleton<IExpiredDataPurger>(Recording);
            services.AddSingleton<ILoggerProvider>(_logs);
        };
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task PurgeJob_RunsEveryPurger_DeletesOldSentMail_AndFailsVisiblyWhenOnePurgerFails()
    {
        var now = DateTime.UtcNow;
        await _app.WithDbAsync(async db =>
        {
            db.Set<OutboxEmail>().AddRange(
                Mail("old-sent", OutboxStatus.Sent, now.AddDays(-8)),
                Mail("recent-sent", OutboxStatus.Sent, now.AddDays(-1)),
                Mail("old-dead", OutboxStatus.DeadLettered, null),
                Mail("pending", OutboxStatus.Pending, null));
            await db.SaveChangesAsync();
        });

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<ExpiredDataPurgeJob>();
            var error = await Assert.ThrowsAsync<AggregateException>(() => job.RunAsync(CancellationToken.None));
            Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
        }

        Assert.True(Recording.Runs >= 1);
        await _app.WithDbAsync(async db => Assert.Equal(
            ["old-dead", "pending", "recent-sent"],
            await db.Set<OutboxEmail>().OrderBy(e => e.Subject).Select(e => e.Subject).ToListAsync()));
    }

    [Fact]
    public async Task FailedPurgeRun_IsLoggedOnce_WithTheFailingPurgerAndItsException()
    {
        await JobsHealth.WaitUntilRunningAsync(_app.CreateClient());
        var storage = _app.Services.GetRequiredService<JobStorage>();
        _app.Services.GetRequiredService<IRecurringJobManager>().Trigger("expired-data-purge");
        await Eventually.WaitUntilAsync(() => Task.FromResult(LastState(storage) == FailedState.StateName),
            TimeSpan.FromSeconds(30), "the triggered purge run failed");

        var line = Assert.Single(_logs.WarningsAndAbove, l => l.Contains("boom"));
        Assert.StartsWith("Error AppointEase.Infrastructure.Jobs.JobFailureLoggingFilter: ", line);
        Assert.Contains("Purgers failed: failing.", line);
        Assert.Contains("AggregateException", line);
    }

    private static string? LastState(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs(["expired-data-purge"]).Single().LastJobState;
    }

    private static OutboxEmail Mail(string subject, OutboxStatus status, DateTime? sentUtc) => new()
    {
        Kind = "confirmation",
        To = "customer@example.com",
        Subject = subject,
        Status = status,
        CreatedUtc = (sentUtc ?? DateTime.UtcNow).AddMinutes(-1),
        NextAttemptUtc = DateTime.UtcNow.AddDays(1),
        SentUtc = sentUtc,
    };

    private sealed class FailingPurger : IExpiredDataPurger
    {
        public string Name => "failing";
        public Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    private sealed class RecordingPurger : IExpiredDataPurger
    {
        public int Runs;
        public string Name => "recording";
        public Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Runs);
            return Task.FromResult(0);
        }
    }
}
