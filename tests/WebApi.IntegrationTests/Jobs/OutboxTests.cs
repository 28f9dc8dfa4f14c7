using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Jobs.Outbox;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>The outbox against a private SMTP sink that the test takes down and brings back.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly PrivateSmtpSink _sink = new();
    private AppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new AppFactory(DatabaseKind.MariaDb)
            .With("Email:Smtp:Host", "127.0.0.1")
            .With("Email:Smtp:Port", _sink.Port.ToString())
            .With("Email:Smtp:Security", "None")
            .With("Email:Smtp:TimeoutSeconds", "2");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_app).DisposeAsync();
        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Outbox_WhileSmtpIsDown_KeepsMailAndDeliversEachOnceWhenItReturns()
    {
        _app.CreateClient().Dispose();
        var subjects = new[] { "Booking confirmed A1", "Booking rescheduled A2", "Booking cancelled A3" };
        await QueueAsync(subjects);

        await WaitForAsync(db => db.Set<OutboxEmail>().AllAsync(e => e.Attempts >= 1 && e.Status == OutboxStatus.Pending), "a failed first attempt of every mail");
        Assert.Empty(_sink.NewMessages());

        await _sink.StartAsync();
        await WaitForAsync(db => db.Set<OutboxEmail>().AllAsync(e => e.Status == OutboxStatus.Sent), "every mail sent after SMTP returned");
        Assert.Equal(0, (await Dispatcher.DispatchDueAsync(CancellationToken.None)).Sent);

        var delivered = _sink.NewMessages().Select(File.ReadAllText).ToList();
        Assert.Equal(subjects.Length, delivered.Count);
        Assert.All(subjects, subject => Assert.Single(delivered, m => m.Contains("Subject: " + subject)));
    }

    [Fact]
    public async Task DeadLetter_AppearsOnceAsFailedJob_AndRequeueFromDashboardDeliversIt()
    {
        _app.With("Email:MaxAttempts", "1").CreateClient().Dispose();
        await QueueAsync(["Booking confirmed D1"]);
        await WaitForAsync(db => db.Set<OutboxEmail>().AllAsync(e => e.Status == OutboxStatus.DeadLettered), "the mail dead-lettered");

        await RunOutboxJobAsync();
        await RunOutboxJobAsync();

        var monitoring = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var failed = monitoring.FailedJobs(0, 50).Where(j => j.Value.Job?.Type == typeof(EmailDeadLetterJob)).ToList();
        var deadLetter = Assert.Single(failed);
        Assert.Contains("failed 1 times", deadLetter.Value.ExceptionMessage);

        await _sink.StartAsync();
        Assert.True(_app.Services.GetRequiredService<IBackgroundJobClient>().Requeue(deadLetter.Key));
        await WaitForAsync(db => db.Set<OutboxEmail>().AllAsync(e => e.Status == OutboxStatus.Sent), "the requeued mail sent");
        Assert.Single(_sink.NewMessages());
    }

    private IEmailDispatcher Dispatcher => _app.Services.GetRequiredService<IEmailDispatcher>();

    private async Task QueueAsync(IEnumerable<string> subjects)
    {
        // As a booking handler does: queue inside the unit of work, commit, then nudge.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
            foreach (var subject in subjects)
                outbox.Enqueue(new OutgoingEmail("confirmation", "customer@example.com", subject, "Text of " + subject, "<p>" + subject + "</p>", []));
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        }
        Dispatcher.Nudge();
    }

    private async Task RunOutboxJobAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EmailOutboxJob>().RunAsync(CancellationToken.None);
    }

    private Task WaitForAsync(Func<AppDbContext, Task<bool>> condition, string what) =>
        Eventually.WaitUntilAsync(async () =>
        {
            var result = false;
            await _app.WithDbAsync(async db => result = await condition(db));
            return result;
        }, TimeSpan.FromSeconds(45), what);
}
