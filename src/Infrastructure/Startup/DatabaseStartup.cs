using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace AppointEase.Infrastructure.Startup;

/// <summary>
/// Brings the database to a usable state before the app serves: waits for it with bounded backoff (one log line per
/// attempt), then under <see cref="DatabaseInitLock"/> migrates (when this instance migrates, decision 080) or checks
/// that the schema is current, and seeds. The WebApi's start-up calls it after validating the configuration and
/// before the host starts; the <c>migrate</c> command calls it with <c>migrate: true</c> and exits.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<DatabaseStartup> logger)
{
    public bool MigratesOnStartup => options.Value.MigratesOnStartup;

    /// <summary>Waits, migrates (if <paramref name="migrate"/>) or checks the schema, seeds; returns the migrations applied.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(bool migrate, CancellationToken cancellationToken)
    {
        var db = options.Value;
        var deadline = time.GetUtcNow().AddSeconds(db.StartupWaitSeconds);
        var delay = TimeSpan.FromMilliseconds(250);
        var maxDelay = TimeSpan.FromSeconds(db.StartupRetryMaxSeconds);
        WarmUp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await InitialiseOnceAsync(migrate, cancellationToken);
                if (attempt > 1) logger.LogInformation("Database ready after {Attempts} attempts", attempt);
                return applied;
            }
            catch (Exception ex) when (IsWorthWaitingFor(ex) && !cancellationToken.IsCancellationRequested)
            {
                var reason = ex.GetBaseException().Message;
                if (time.GetUtcNow() + delay > deadline)
                    throw new StartupAbortedException(
                        $"Database not ready after {db.StartupWaitSeconds} s (Database:StartupWaitSeconds): {reason}", ex);
                logger.LogWarning("Database not ready (attempt {Attempt}): {Reason}; retrying in {DelayMs} ms", attempt, reason, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, delay.Ticks * 2));
            }
            catch (Exception ex) when (RefusedBy(ex) is { } refusal && !cancellationToken.IsCancellationRequested)
            {
                // The server answered and said no (wrong password, a grant missing for a migration): an operator's
                // setting, so one line naming the server's error, not a stack trace (decision 081).
                throw new StartupAbortedException(
                    $"the database refused (MySQL error {(int)refusal.ErrorCode}): {refusal.Message}; check the user and its grants (docs/operations.md)", ex);
            }
        }
    }

    /// <summary>
    /// Builds the EF model and reads the migrations list, neither of which needs the database: a cold process spends
    /// seconds of CPU on them, and doing it before the wait (not in the attempt that finds the database) is what lets an
    /// instance become ready within 5 s of the database starting (issue 25).
    /// </summary>
    private void WarmUp()
    {
        using var scope = scopes.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _ = context.Model;
        _ = context.Database.GetMigrations().Count();
    }

    private async Task<IReadOnlyList<string>> InitialiseOnceAsync(bool migrate, CancellationToken cancellationToken)
    {
        await using var initLock = options.Value.Provider == DatabaseProvider.MySql
            ? await DatabaseInitLock.AcquireAsync(configuration.GetConnectionString("Database")!, cancellationToken)
            : DatabaseInitLock.None;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Schema changes and seeding may take longer than a request's short command timeout (decision 075).
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        if (options.Value.Provider == DatabaseProvider.Sqlite)
            await UseWriteAheadLogAsync(context, cancellationToken);
        var pending = (await PendingMigrationsAsync(context, cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            if (!migrate)
                throw new StartupRetryException(
                    $"the database schema is behind by {pending.Count} migration(s) ({string.Join(", ", pending)}); run `dotnet AppointEase.WebApi.dll migrate` (or set Database:MigrateOnStartup=true)");
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await context.Database.MigrateAsync(cancellationToken);
        }
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        return pending;
    }

    /// <summary>
    /// SQLite in its default rollback journal lets a reader block a writer's commit: a unit of work that has read and
    /// then writes, and a background writer (the email dispatcher, the SQL slot store's own connection) that has read
    /// too, each wait for the other until the lock timeout. With the write-ahead log readers never block the writer.
    /// The mode is stored in the file, so setting it once per start is enough (an in-memory database ignores it).
    /// </summary>
    private static async Task UseWriteAheadLogAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = context.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A database that does not exist yet has every migration pending (the migrate step creates it).</summary>
    private static async Task<IEnumerable<string>> PendingMigrationsAsync(AppDbContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await context.Database.GetPendingMigrationsAsync(cancellationToken);
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.UnknownDatabase)
        {
            return context.Database.GetMigrations();
        }
    }

    /// <summary>
    /// Waiting helps when the server is not up yet or a connection broke (the typed classifier's unavailable, transient
    /// and deadlock faults, decision 074), the database has not been created yet, another instance holds the lock or the
    /// schema is still being migrated. A wrong password or a failing migration will not clear by itself (the classifier
    /// calls them <see cref="DataFault.Other"/>): those stop at once.
    /// </summary>
    private static bool IsWorthWaitingFor(Exception ex) =>
        ex is StartupRetryException
        || FaultClassifier.Sql(ex) is DataFault.Unavailable or DataFault.Transient or DataFault.Deadlock
        || IsUnknownDatabase(ex);

    private static MySqlException? RefusedBy(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is MySqlException mysql) return mysql;
        return null;
    }

    /// <summary>The database is created by the migrate step, which may still be running elsewhere.</summary>
    private static bool IsUnknownDatabase(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is MySqlException { ErrorCode: MySqlErrorCode.UnknownDatabase }) return true;
        return false;
    }
}
