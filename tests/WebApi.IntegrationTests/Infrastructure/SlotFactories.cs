namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

/// <summary>MariaDB plus the shared test Redis: the production shape (Redis with SQL fallback).</summary>
public sealed class MariaDbRedisAppFactory() : AppFactory(DatabaseKind.MariaDb, useRedis: true);

/// <summary>SQLite plus the shared test Redis, for Redis store tests that need no MariaDB.</summary>
public sealed class SqliteRedisAppFactory() : AppFactory(DatabaseKind.Sqlite, useRedis: true);
