using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// The SQL twin of <see cref="RateLimitBuckets.RedisCountHit"/>: count one hit in <c>rate_limit_counters</c> and read the
/// count back, as statements that <see cref="SqlRateLimiter"/> runs (the SQL-mode heartbeat writes many counters' hits at
/// once instead: <c>SlotState/SqlHeartbeat/HeartbeatSql</c>, decision 137). The first hit of a window inserts its
/// counter, every later one increments it; the unique (bucket, window start) key makes that one atomic statement however
/// many hits race. The read-back may include a concurrent hit of the same bucket, which errs on the strict side.
/// Parameters: <c>@bucket</c>, <c>@window_start</c>, <c>@window_end</c>.
/// </summary>
internal static class SqlCountHit
{
    /// <summary>MariaDB, in syntax MySQL 8 accepts too (no <c>INSERT … RETURNING</c>, no <c>VALUES()</c> in the update).</summary>
    public const string MySql = """
        INSERT INTO rate_limit_counters (bucket, window_start_utc, `count`, expires_utc)
        VALUES (@bucket, @window_start, 1, @window_end)
        ON DUPLICATE KEY UPDATE `count` = `count` + 1;

        SELECT `count` FROM rate_limit_counters WHERE bucket = @bucket AND window_start_utc = @window_start;
        """;

    /// <summary>SQLite (upsert needs 3.24+; the bundled e_sqlite3 is far newer).</summary>
    public const string Sqlite = """
        INSERT INTO rate_limit_counters (bucket, window_start_utc, "count", expires_utc)
        VALUES (@bucket, @window_start, 1, @window_end)
        ON CONFLICT (bucket, window_start_utc) DO UPDATE SET "count" = "count" + 1;

        SELECT "count" FROM rate_limit_counters WHERE bucket = @bucket AND window_start_utc = @window_start;
        """;

    public static string For(DatabaseFacade database) => database.IsSqlite() ? Sqlite : MySql;

    /// <summary>Binds the counter's parameters with the columns' own type mappings.</summary>
    public static HandWrittenCommand BindCounter(this HandWrittenCommand command, string bucket, DateTime windowStart, DateTime windowEnd) =>
        command.Parameter<RateLimitCounterRow>("bucket", nameof(RateLimitCounterRow.Bucket), bucket)
            .Parameter<RateLimitCounterRow>("window_start", nameof(RateLimitCounterRow.WindowStartUtc), windowStart)
            .Parameter<RateLimitCounterRow>("window_end", nameof(RateLimitCounterRow.ExpiresUtc), windowEnd);
}
