using System.Data.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>
/// Decision 138: a dispatch round reads its due mails whole in one query, claims each with one conditional UPDATE and
/// records all it sent in one UPDATE; rounds running at once (several instances, or a nudge during the poll) still send
/// every mail exactly once. MariaDB, mail to the pickup folder, the app's own dispatch loop and job server off so only
/// the test's rounds touch the outbox.
/// </summary>
public sealed class OutboxDispatchRoundTests : IAsyncLifetime
{
    private readonly OutboxCommandCounter _counter = new();
    private AppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new AppFactory(DatabaseKind.MariaDb).With("Email:Mode", "Pickup").With("Jobs:RunServer", "false");
        _app.ConfigureServices = services =>
        {
            services.ConfigureDbContext<MySqlAppDbContext>(options => options.AddInterceptors(_counter), ServiceLifetime.Singleton);
            // The loop is internal to Infrastructure: found by name, so that no round but the test's runs.
            var loop = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "EmailDispatchLoop");
            services.Remove(loop);
        };
        _app.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task ARound_CostsOneStatementPerMail_PlusOneReadAndOneRecord()
    {
        await QueueAsync("count", 10);

        _counter.Start();
        var report = await Dispatcher.DispatchDueAsync(CancellationToken.None);
        var commands = _counter.Stop();

        Assert.Equal(10, report.Sent);
        // 1 read of the due rows + 10 claims + 1 update of the sent rows (it was 1 + 3 per mail = 31).
        Assert.True(commands.Count == 12, $"{commands.Count} outbox commands:\n{string.Join("\n---\n", commands)}");
        await AssertAllSentOnceAsync("count", 10);
    }

    [Fact]
    public async Task RoundsAtOnce_SendEveryMailExactlyOnce_AndRecordEachAsSentAfterOneAttempt()
    {
        // More than one round's batch (50), so rounds overlap on some rows and not on others.
        await QueueAsync("race", 120);

        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Dispatcher.DispatchDueAsync(CancellationToken.None))));
        while ((await Dispatcher.DispatchDueAsync(CancellationToken.None)) is { Sent: > 0 } more) reports = [.. reports, more];

        Assert.Equal(120, reports.Sum(r => r.Sent));
        Assert.All(reports, r => Assert.Equal(0, r.Failed + r.DeadLettered));
        await AssertAllSentOnceAsync("race", 120);
    }

    private IEmailDispatcher Dispatcher => _app.Services.GetRequiredService<IEmailDispatcher>();

    private async Task QueueAsync(string tag, int count)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IEmailOutbox>();
        for (var i = 0; i < count; i++)
            outbox.Enqueue(new OutgoingEmail("confirmation", $"{tag}{i}@example.com", $"Mail {tag} {i}", "Text", "<p>Html</p>", []));
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
    }

    private async Task AssertAllSentOnceAsync(string tag, int count)
    {
        var subjects = Directory.GetFiles(_app.MailDirectory, "*.eml").Select(File.ReadAllText)
            .Select(m => m.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal))).ToList();
        var expected = Enumerable.Range(0, count).Select(i => $"Subject: Mail {tag} {i}").Order().ToList();
        Assert.Equal(expected, subjects.Order().ToList());
        await _app.WithDbAsync(async db =>
        {
            var rows = await db.Set<OutboxEmail>().AsNoTracking().ToListAsync();
            Assert.Equal(count, rows.Count);
            Assert.All(rows, r =>
            {
                Assert.Equal(OutboxStatus.Sent, r.Status);
                Assert.Equal(1, r.Attempts);
                Assert.Null(r.ClaimedUntilUtc);
                Assert.NotNull(r.SentUtc);
            });
        });
    }

    /// <summary>The commands that touch the outbox table while started.</summary>
    private sealed class OutboxCommandCounter : DbCommandInterceptor
    {
        private readonly List<string> _commands = [];
        private volatile bool _counting;

        public void Start()
        {
            lock (_commands) _commands.Clear();
            _counting = true;
        }

        public IReadOnlyList<string> Stop()
        {
            _counting = false;
            lock (_commands) return [.. _commands];
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (!_counting || !command.CommandText.Contains("email_outbox", StringComparison.Ordinal)) return;
            lock (_commands) _commands.Add(command.CommandText);
        }
    }
}
