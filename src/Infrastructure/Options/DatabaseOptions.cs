using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Options;

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>Section <c>Database</c>; the connection string itself is <c>ConnectionStrings:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations at start-up. Unset = only for the embedded SQLite default; on MySQL the release step
    /// <c>dotnet AppointEase.WebApi.dll migrate</c> migrates, and instances wait until the schema is current (decision 080).
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Insert the demo catalogue when the database has no services yet. Unset = only in Development/Testing.</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>How long start-up waits for the database (and, when not migrating, a current schema) before giving up.</summary>
    [Range(0, 3600)]
    public int StartupWaitSeconds { get; set; } = 300;

    /// <summary>Longest pause between two start-up attempts to reach the database; short, so readiness follows the database within seconds.</summary>
    [Range(1, 60)]
    public int StartupRetryMaxSeconds { get; set; } = 1;

    public bool MigratesOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>Server version for MySql (no probe at start-up, so the app starts even while the database is down).</summary>
    [Required]
    public string ServerVersion { get; set; } = "10.11.0-mariadb";

    /// <summary>
    /// Seconds a single SQL command may wait for the server before it is treated as a fault (503). Every request's
    /// commands take milliseconds; short so a frozen server costs a request about a second, not a hang (decision 075).
    /// </summary>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 1;

    /// <summary>Seconds to wait for a new MySQL connection (a down or frozen server); the same reason as above.</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 1;
}
