using System.Data.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MySqlConnector;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Empties the MySqlConnector pool when a command or a connect fails because the server cannot be reached. Decision
/// 062 turned <c>Connection Reset</c> off, so nothing checks an idle pooled connection before handing it out: after a
/// MariaDB restart every idle connection is dead, and without this each one would fail one request in turn. Clearing
/// costs nothing on the success path (no ping per open) and, on a failure, one pool generation bump: connections in
/// use are discarded when returned, idle ones at once. See docs/decisions/075-dead-connections-and-short-sql-timeouts.md.
/// </summary>
internal static class DeadConnectionPoolReset
{
    public static void OnFailure(DbConnection? connection, Exception exception)
    {
        if (DeadPool(connection, exception) is { } mysql)
            MySqlConnection.ClearPool(mysql);
    }

    /// <summary>
    /// The async paths do not wait for the clear: MySqlConnector bumps the pool generation before its first await (so
    /// the next open already gets a fresh connection), then disposes idle sessions one clear at a time. Waiting, or the
    /// synchronous <see cref="MySqlConnection.ClearPool"/>, would hold a thread-pool thread per failed request while an
    /// outage fails dozens at once; a 2-core host has few threads to spare, and MySqlConnector's own timeouts run on them.
    /// </summary>
    public static void OnFailureInBackground(DbConnection? connection, Exception exception)
    {
        if (DeadPool(connection, exception) is { } mysql)
            _ = MySqlConnection.ClearPoolAsync(mysql).ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static MySqlConnection? DeadPool(DbConnection? connection, Exception exception) =>
        connection is MySqlConnection mysql && FaultClassifier.Sql(exception) == DataFault.Unavailable ? mysql : null;
}

internal sealed class DeadConnectionCommandInterceptor : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        DeadConnectionPoolReset.OnFailure(command.Connection, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DeadConnectionPoolReset.OnFailureInBackground(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }
}

internal sealed class DeadConnectionOpenInterceptor : DbConnectionInterceptor
{
    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        DeadConnectionPoolReset.OnFailure(connection, eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DeadConnectionPoolReset.OnFailureInBackground(connection, eventData.Exception);
        return Task.CompletedTask;
    }
}
