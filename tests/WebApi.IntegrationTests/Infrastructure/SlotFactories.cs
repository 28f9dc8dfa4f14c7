namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>MariaDB plus the shared test Redis: the production shape (Redis with SQL fallback).</summary>
public sealed class MariaDbRedisAppFactory() : AppFactory(DatabaseKind.MariaDb, useRedis: true);

/// <summary>SQLite plus the shared test Redis, for Redis store tests that need no MariaDB.</summary>
public sealed class SqliteRedisAppFactory() : AppFactory(DatabaseKind.Sqlite, useRedis: true);

/// <summary>MariaDB + Redis with a health monitor that stays quiet after its start-up check, so a test owns the failback sync.</summary>
public sealed class QuietMonitorAppFactory : AppFactory
{
    public QuietMonitorAppFactory() : base(DatabaseKind.MariaDb, useRedis: true) => With("SlotState:HealthCheckIntervalMs", "60000");
}
