namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>MariaDB plus the shared test Redis: the production shape (Redis with SQL fallback).</summary>
public sealed class MariaDbRedisAppFactory() : AppFactory(DatabaseKind.MariaDb, useRedis: true);

/// <summary>SQLite plus the shared test Redis, for Redis store tests that need no MariaDB.</summary>
public sealed class SqliteRedisAppFactory() : AppFactory(DatabaseKind.Sqlite, useRedis: true);

/// <summary>SQLite plus the test Redis Cluster (3 masters, 3 replicas) started by scripts/test.sh.</summary>
public sealed class RedisClusterAppFactory : AppFactory
{
    public RedisClusterAppFactory() : base(DatabaseKind.Sqlite, useRedis: true) => With("ConnectionStrings:Redis", TestServers.RedisCluster);
}

/// <summary>SQLite plus the test Sentinel group (1 master, 1 replica, 3 sentinels) started by scripts/test.sh.</summary>
public sealed class RedisSentinelAppFactory : AppFactory
{
    public RedisSentinelAppFactory() : base(DatabaseKind.Sqlite, useRedis: true) => With("ConnectionStrings:Redis", TestServers.RedisSentinel);
}

/// <summary>MariaDB + Redis with a health monitor that stays quiet after its start-up check, so a test owns the failback sync.</summary>
public sealed class QuietMonitorAppFactory : AppFactory
{
    // No job server either: its every-minute failback safety net would otherwise race the test for the SQL holds.
    public QuietMonitorAppFactory() : base(DatabaseKind.MariaDb, useRedis: true) =>
        With("SlotState:HealthCheckIntervalMs", "60000").With("Jobs:RunServer", "false");
}

/// <summary>
/// MariaDB for the store contract: the pool is capped at 25 so the 50-racer lock test cannot exhaust the server's
/// max_connections (151 by default, shared by every factory of a parallel run); 25 racers still hit the database at once.
/// </summary>
public sealed class MariaDbSlotStoreAppFactory : AppFactory
{
    public MariaDbSlotStoreAppFactory() : base(DatabaseKind.MariaDb) =>
        With("ConnectionStrings:Database",
            new MySqlConnector.MySqlConnectionStringBuilder(TestServers.MySql) { Database = Name, MaximumPoolSize = 25 }.ConnectionString);
}
