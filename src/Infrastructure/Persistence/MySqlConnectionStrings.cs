using MySqlConnector;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// EF Core opens and closes the connection around every query, and with MySqlConnector's default
/// <c>ConnectionReset=true</c> each of those opens costs two extra round trips (COM_RESET_CONNECTION, then
/// <c>SET NAMES utf8mb4</c>): bench/run.sh counted 18 statements for a heartbeat that runs 6 queries. We keep no
/// session state (no temporary tables, user variables or session settings; transactions always end in commit or
/// rollback), so nothing needs resetting. An explicit <c>Connection Reset</c> in the configured string wins.
/// See docs/decisions/062-mysql-connections-without-per-query-reset.md.
/// <para>
/// A server that is down or frozen (SIGSTOP: the TCP handshake still succeeds, nothing answers) must cost a request at
/// most about a second: <c>Connect Timeout</c> comes from <c>Database:ConnectTimeoutSeconds</c>, <c>Default Command
/// Timeout</c> (used by COMMIT, ROLLBACK and hand-written commands, which EF's command timeout does not reach; BEGIN has
/// no deadline at all, see <see cref="FrozenServerProbeInterceptor"/>) from <c>Database:CommandTimeoutSeconds</c>, and
/// <c>Cancellation Timeout=-1</c> closes the socket as soon as the command timeout passes, instead of first opening
/// another connection to send <c>KILL QUERY</c> and waiting for it (which a frozen server never answers).
/// Explicit values in the configured string win. See docs/decisions/075-dead-connections-and-short-sql-timeouts.md.
/// </para>
/// </summary>
internal static class MySqlConnectionStrings
{
    public static string ForEfCore(string connectionString, int connectTimeoutSeconds, int commandTimeoutSeconds)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Connection Reset"))
            builder.ConnectionReset = false;
        if (!builder.ContainsKey("Connect Timeout"))
            builder.ConnectionTimeout = (uint)connectTimeoutSeconds;
        if (!builder.ContainsKey("Default Command Timeout"))
            builder.DefaultCommandTimeout = (uint)commandTimeoutSeconds;
        if (!builder.ContainsKey("Cancellation Timeout"))
            builder.CancellationTimeout = -1;
        return builder.ConnectionString;
    }
}
