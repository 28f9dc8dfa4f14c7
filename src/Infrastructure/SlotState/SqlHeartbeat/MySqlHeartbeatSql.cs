namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// MariaDB (tested on 10.11). No <c>INSERT … RETURNING</c> (MySQL lacks it). MySqlConnector sends the whole batch as
/// one COM_QUERY (multi-statements are enabled on every connection) and the server answers with all result sets.
/// </summary>
internal sealed class MySqlHeartbeatSql() : HeartbeatSql(CountHitsHead, CountHitsUpdate, RefreshSelection, "`count`")
{
    public static readonly MySqlHeartbeatSql Instance = new();

    private const string CountHitsHead = "\nINSERT INTO rate_limit_counters (bucket, window_start_utc, `count`, expires_utc) VALUES";

    /// <summary>
    /// <c>VALUES(col)</c> is MariaDB's way to name the row being inserted (MySQL 8 still accepts it, with a deprecation
    /// warning, and has no form MariaDB accepts).
    /// </summary>
    private const string CountHitsUpdate = "\nON DUPLICATE KEY UPDATE `count` = `count` + VALUES(`count`);";

    /// <summary>
    /// Inserts or moves the client's one selection of the day (unique date, employee, client), unless another client
    /// holds a live lock on that time (the Redis heartbeat script's rule), or the client is over its limit in SQL's count
    /// (the hits written just before in the same batch included).
    /// </summary>
    private const string RefreshSelection = """

        INSERT INTO slot_selections (slot_date, employee_id, slot_time, client_id, expires_utc, created_utc)
        SELECT @date, @employee, @time, @client, @selection_expires, @now FROM DUAL
        WHERE COALESCE((SELECT `count` FROM rate_limit_counters WHERE bucket = @bucket AND window_start_utc = @window_start), 0) <= @limit
          AND NOT EXISTS (SELECT 1 FROM slot_locks
                          WHERE slot_date = @date AND employee_id = @employee AND slot_time = @time
                            AND expires_utc > @now AND owner_client_id <> @client)
        ON DUPLICATE KEY UPDATE slot_time = @time, expires_utc = @selection_expires;
        """;
}
