using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// Records the text of every DbCommand EF Core executes while the app serves a request that carries the
/// <see cref="Header"/> header, keyed by the header's value. Commands of background work (jobs, the e-mail loop, cache
/// refreshes of other requests) run outside that request's async flow and are not recorded.
/// Transactions the request begins, commits or rolls back are recorded beside them (<see cref="TransactionsOf"/>): each
/// is a round trip of its own. Hook it into an app with <see cref="Register"/> from a factory's <c>ConfigureServices</c>.
/// </summary>
public sealed class RequestCommandRecorder : DbCommandInterceptor
{
    public const string Header = "X-Test-Record-Commands";

    private readonly AsyncLocal<List<string>?> _current = new();
    private readonly ConcurrentDictionary<string, List<string>> _byRequest = new();
    private readonly ConcurrentDictionary<List<string>, List<string>> _transactions = new(ReferenceEqualityComparer.Instance);
    private readonly TransactionRecorder _transactionRecorder;

    public RequestCommandRecorder() => _transactionRecorder = new TransactionRecorder(this);

    /// <summary>The commands of the request sent with <see cref="Header"/> = <paramref name="requestId"/>, in order.</summary>
    public IReadOnlyList<string> CommandsOf(string requestId)
    {
        var commands = _byRequest.GetValueOrDefault(requestId) ?? throw new InvalidOperationException($"No request {requestId} was recorded.");
        lock (commands) return commands.ToList();
    }

    /// <summary>"begin", "commit" and "rollback" of the request's transactions, in order.</summary>
    public IReadOnlyList<string> TransactionsOf(string requestId)
    {
        var commands = _byRequest.GetValueOrDefault(requestId) ?? throw new InvalidOperationException($"No request {requestId} was recorded.");
        var events = _transactions.GetOrAdd(commands, _ => []);
        lock (events) return events.ToList();
    }

    /// <summary>Adds this interceptor to the app's DbContext (whichever provider) and the recording middleware.</summary>
    public void Register(IServiceCollection services, DatabaseKind database)
    {
        if (database == DatabaseKind.MariaDb)
            services.ConfigureDbContext<MySqlAppDbContext>(options => options.AddInterceptors(this, _transactionRecorder), ServiceLifetime.Singleton);
        else
            services.ConfigureDbContext<SqliteAppDbContext>(options => options.AddInterceptors(this, _transactionRecorder), ServiceLifetime.Singleton);
        services.AddSingleton<IStartupFilter>(new RecordingStartupFilter(this));
    }

    private void Record(DbCommand command)
    {
        if (_current.Value is not { } commands) return;
        lock (commands) commands.Add(command.CommandText);
    }

    private void RecordTransaction(string what)
    {
        if (_current.Value is not { } commands) return;
        var events = _transactions.GetOrAdd(commands, _ => []);
        lock (events) events.Add(what);
    }

    private sealed class TransactionRecorder(RequestCommandRecorder recorder) : DbTransactionInterceptor
    {
        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
            DbTransaction result, CancellationToken cancellationToken = default)
        {
            recorder.RecordTransaction("begin");
            return ValueTask.FromResult(result);
        }

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            recorder.RecordTransaction("begin");
            return result;
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            recorder.RecordTransaction("commit");
            return Task.CompletedTask;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => recorder.RecordTransaction("commit");

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            recorder.RecordTransaction("rollback");
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => recorder.RecordTransaction("rollback");
    }

    private sealed class RecordingStartupFilter(RequestCommandRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // First in the pipeline, so everything the request does runs below this async flow.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var id) && id.ToString() is { Length: > 0 } requestId)
                    recorder._current.Value = recorder._byRequest.GetOrAdd(requestId, _ => []);
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
