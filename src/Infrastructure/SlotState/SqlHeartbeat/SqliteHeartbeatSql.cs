namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// SQLite (upsert needs 3.24+; the bundled e_sqlite3 is far newer). Microsoft.Data.Sqlite runs the statements one after
/// the other as the reader moves to the next result set (and runs the rest when the reader is disposed), on the same
/// connection, in the same DbCommand.
/// </summary>
internal sealed class SqliteHeartbeatSql() : HeartbeatSql(CountHitsHead, CountHitsUpdate, RefreshSelection, "\"count\"")
{
    public static readonly SqliteHeartbeatSql Instance = new();

    private const string CountHitsHead = "\nINSERT INTO rate_limit_counters (bucket, window_start_utc, \"count\", expires_utc) VALUES";

    private const string CountHitsUpdate = "\nON CONFLICT (bucket, window_start_utc) DO UPDATE SET \"count\" = \"count\" + excluded.\"count\";";

    /// <summary>
    /// As <see cref="MySqlHeartbeatSql"/>: upsert of the client's one selection of the day, skipped over the limit or
    /// when another client holds a live lock on that time. (SQLite needs the WHERE for INSERT … SELECT … ON CONFLICT to
    /// parse; here it is the guard anyway.)
    /// </summary>
    private const string RefreshSelection = """

        INSERT INTO slot_selections (slot_date, employee_id, slot_time, client_id, expires_utc, created_utc)
        SELECT @date, @employee, @time, @client, @selection_expires, @now
        WHERE COALESCE((SELECT "count" FROM rate_limit_counters WHERE bucket = @bucket AND window_start_utc = @window_start), 0) <= @limit
          AND NOT EXISTS (SELECT 1 FROM slot_locks
                          WHERE slot_date = @date AND employee_id = @employee AND slot_time = @time
                            AND expires_utc > @now AND owner_client_id <> @client)
        ON CONFLICT (slot_date, employee_id, client_id) DO UPDATE SET slot_time = @time, expires_utc = @selection_expires;
        """;
}
