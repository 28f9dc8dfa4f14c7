using AppointEase.Infrastructure.RateLimiting;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// MariaDB (tested on 10.11) in syntax MySQL 8 accepts too: no <c>INSERT … RETURNING</c> (MySQL lacks it) and no
/// <c>VALUES()</c> in the update clause (deprecated in MySQL 8). MySqlConnector sends the whole batch as one COM_QUERY
/// (multi-statements are enabled on every connection) and the server answers with all result sets.
/// </summary>
internal sealed class MySqlHeartbeatSql() : HeartbeatSql(SqlCountHit.MySql, RefreshSelection)
{
    public static readonly MySqlHeartbeatSql Instance = new();

    /// <summary>
    /// Inserts or moves the client's one selection of the day (unique date, employee, client), unless the client is over
    /// the limit or another client holds a live lock on that time (the Redis heartbeat script's rule). The counter is
    /// read again here: within a window it only grows, so a hit refused by the read-back is refused here too.
    /// </summary>
    private const string RefreshSelection = """

        INSERT INTO slot_selections (slot_date, employee_id, slot_time, client_id, expires_utc, created_utc)
        SELECT @date, @employee, @time, @client, @selection_expires, @now FROM DUAL
        WHERE (SELECT `count` FROM rate_limit_counters WHERE bucket = @bucket AND window_start_utc = @window_start) <= @limit
          AND NOT EXISTS (SELECT 1 FROM slot_locks
                          WHERE slot_date = @date AND employee_id = @employee AND slot_time = @time
                            AND expires_utc > @now AND owner_client_id <> @client)
        ON DUPLICATE KEY UPDATE slot_time = @time, expires_utc = @selection_expires;
        """;
}
