using MySqlConnector;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// EF Core opens and closes the connection around every query, and with MySqlConnector's default
/// <c>ConnectionReset=true</c> each of those opens costs two extra round trips (COM_RESET_CONNECTION, then
/// <c>SET NAMES utf8mb4</c>): bench/run.sh counted 18 statements for a heartbeat that runs 6 queries. We keep no
/// session state (no temporary tables, user variables or session settings; transactions always end in commit or
/// rollback), so nothing needs resetting. An explicit <c>Connection Reset</c> in the configured string wins.
/// See docs/decisions/062-mysql-connections-without-per-query-reset.md.
/// </summary>
internal static class MySqlConnectionStrings
{
    public static string ForEfCore(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Connection Reset"))
            builder.ConnectionReset = false;
        return builder.ConnectionString;
    }
}
