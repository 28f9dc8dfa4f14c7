using System.Net.Sockets;
using AppointEase.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Faults;

/// <summary>
/// The one place that decides what a SQL or Redis failure means, by exception type and error code only (never by
/// message text, which changes with server version and locale). Everything else switches on <see cref="DataFault"/>:
/// the unit of work retries <see cref="DataFault.Deadlock"/> and <see cref="DataFault.Transient"/>, handlers turn
/// <see cref="DataFault.UniqueViolation"/> into a 409, WebApi answers 503 for the rest, the slot store fails over to SQL
/// on a Redis <see cref="DataFault.Unavailable"/>. See docs/decisions/074-one-typed-fault-classifier.md.
/// </summary>
public static class FaultClassifier
{
    // SQLite result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteIoError = 10, SqliteCantOpen = 14, SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;

    /// <summary>MariaDB's ER_CONNECTION_KILLED (KILL of the connection, or the server shutting it down); not in MySqlErrorCode.</summary>
    private const int MariaDbConnectionKilled = 1927;

    /// <summary>A failure of EF Core, MySqlConnector or Microsoft.Data.Sqlite, looked at through its inner exceptions.</summary>
    public static DataFault Sql(Exception exception)
    {
        var connectionLevel = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MySqlException mysql when Of(mysql) is var fault && fault != DataFault.Other:
                    return fault;
                case SqliteException sqlite when Of(sqlite) is var fault && fault != DataFault.Other:
                    return fault;
                // A connection cut mid-command (MySqlConnector's MySqlEndOfStreamException is an IOException), a
                // refused or reset socket, a read that timed out on a frozen server.
                case IOException or SocketException or TimeoutException:
                    connectionLevel = true;
                    break;
            }
        }
        return connectionLevel ? DataFault.Unavailable : DataFault.Other;
    }

    /// <summary>
    /// The failure waited out a connect or command timeout (a frozen or unreachable server) rather than failing at once
    /// (a refused connect, a dead pooled connection): trying again would wait out another one.
    /// </summary>
    public static bool TimedOut(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutException or MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired }) return true;
        return false;
    }

    private static DataFault Of(MySqlException exception) => exception.ErrorCode switch
    {
        MySqlErrorCode.DuplicateKeyEntry => DataFault.UniqueViolation,
        MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.XARBDeadlock => DataFault.Deadlock,
        MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.ServerShutdown
            or MySqlErrorCode.NormalShutdown or MySqlErrorCode.GotSignal or MySqlErrorCode.ShutdownComplete or MySqlErrorCode.AbortingConnection
            or MySqlErrorCode.NetReadError or MySqlErrorCode.NetReadInterrupted or MySqlErrorCode.NetErrorOnWrite or MySqlErrorCode.NetWriteInterrupted
            or MySqlErrorCode.ClientInteractionTimeout or (MySqlErrorCode)MariaDbConnectionKilled => DataFault.Unavailable,
        MySqlErrorCode.ConnectionCountError or MySqlErrorCode.TooManyUserConnections => DataFault.Transient,
        _ when exception.IsTransient => DataFault.Transient,
        _ => DataFault.Other,
    };

    private static DataFault Of(SqliteException exception) => exception.SqliteErrorCode switch
    {
        SqliteConstraint when exception.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey => DataFault.UniqueViolation,
        SqliteBusy or SqliteLocked => DataFault.Transient,
        SqliteIoError or SqliteCantOpen => DataFault.Unavailable,
        _ => DataFault.Other,
    };

    /// <summary>
    /// A failure of a StackExchange.Redis call. Only connection loss and timeouts are outages; a server or script error
    /// reply (<see cref="RedisServerException"/>) is a bug or a misconfiguration and must surface, not silently move
    /// the instance to SQL. <paramref name="connected"/> is the multiplexer's state after the failure: when Redis dies
    /// while a command is being written, the client can surface the pipe's InvalidOperationException instead of a
    /// connection exception (bench/run.sh saw it as 500s right after a kill), and only the lost connection tells it apart.
    /// On a Cluster the multiplexer stays "connected" while any node answers, so the pipe's own exception — thrown by
    /// System.IO.Pipelines when the client reads a pipe its torn-down socket has completed — counts by where it was
    /// thrown as well (seen as 500s on an instance whose link to every node went down, decision 130).
    /// </summary>
    public static DataFault Redis(Exception exception, bool connected) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or ObjectDisposedException => DataFault.Unavailable,
        // The socket layer's own exception for a reset connection (Pipelines.Sockets.Unofficial's ConnectionResetException
        // is an IOException) can reach a command's caller unwrapped; seen killing a Sentinel master under load, where it
        // was answered as a database fault (503) instead of failing over.
        IOException or SocketException => DataFault.Unavailable,
        InvalidOperationException when !connected || ThrownByAPipe(exception) => DataFault.Unavailable,
        // StackExchange.Redis takes no cancellation token, so a cancelled task from it was never asked for: it is how
        // the client abandons commands in flight when the connection drops (seen killing a Sentinel master under load).
        OperationCanceledException cancelled when !cancelled.CancellationToken.IsCancellationRequested => DataFault.Unavailable,
        RedisServerException server when IsFailoverReply(server) => DataFault.Unavailable,
        _ => DataFault.Other,
    };

    private static bool ThrownByAPipe(Exception exception) =>
        exception.TargetSite?.DeclaringType?.Namespace == typeof(System.IO.Pipelines.Pipe).Namespace;

    /// <summary>
    /// Error codes a healthy Cluster or Sentinel deployment answers while a master is being replaced or a node is
    /// starting (decision 111): the slot has no master yet (CLUSTERDOWN), keys are moving (TRYAGAIN), the replica lost
    /// its master (MASTERDOWN), the old master came back as a replica (READONLY), the dataset is still loading
    /// (LOADING). The code is the first word of the RESP error reply, a protocol contract that StackExchange.Redis
    /// passes on as the start of the message; it has no other place for it.
    /// </summary>
    private static bool IsFailoverReply(RedisServerException exception) =>
        RedisErrorCode(exception) is "CLUSTERDOWN" or "TRYAGAIN" or "MASTERDOWN" or "READONLY" or "LOADING";

    /// <summary>The error code of a Redis error reply: its first word (RESP), e.g. NOSCRIPT or READONLY.</summary>
    public static string RedisErrorCode(RedisServerException exception)
    {
        var reply = exception.Message;
        var end = reply.IndexOf(' ');
        return end < 0 ? reply : reply[..end];
    }
}
