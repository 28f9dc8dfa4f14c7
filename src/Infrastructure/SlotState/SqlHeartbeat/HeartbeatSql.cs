using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// The SQL-mode heartbeat as one batch of statements, sent as one DbCommand: one round trip (decision 065), and only
/// when a heartbeat has something to read or write (decisions 128 and 137). Parts, each left out when not needed:
/// <list type="number">
/// <item>the day's hits counted in memory and due to be written (<see cref="HeartbeatHits"/>): one multi-row counter
/// upsert in the <c>rate_limit_counters</c> rows and windows <see cref="RateLimiting.SqlRateLimiter"/> uses;</item>
/// <item>a result set of the counts of those and of the day's other live counters (bucket, window start, count);</item>
/// <item>the client's selection refresh (no result set);</item>
/// <item>three result sets: the day's live selections, its live locks, the employee's confirmed bookings in
/// <c>DaySlotState.BookingsWindowUtc</c>.</item>
/// </list>
/// The counters are numbered parameters <c>@bucket_i</c>, <c>@window_start_i</c>, and for those written <c>@hits_i</c>,
/// <c>@window_end_i</c>.
/// Only the upserts and the quoting of <c>count</c> differ between providers.
/// </summary>
internal abstract class HeartbeatSql
{
    private readonly string _countHitsHead;
    private readonly string _countHitsUpdate;
    private readonly string _refreshSelection;
    private readonly string _countColumn;

    /// <param name="countColumn">The counters' <c>count</c> column quoted for the provider (a reserved word in both).</param>
    protected HeartbeatSql(string countHitsHead, string countHitsUpdate, string refreshSelection, string countColumn)
    {
        _countHitsHead = countHitsHead;
        _countHitsUpdate = countHitsUpdate;
        _refreshSelection = refreshSelection;
        _countColumn = countColumn;
    }

    /// <param name="written">Counters whose hits are written (numbered first), before all <paramref name="counters"/>
    /// are read back.</param>
    public string Batch(int written, int counters, bool refreshesSelection, bool readsDay)
    {
        var sql = new StringBuilder();
        if (written > 0) AppendCountHits(sql, written);
        if (counters > 0) AppendReadCounts(sql, counters);
        if (refreshesSelection) sql.Append(_refreshSelection);
        if (readsDay) sql.Append(ReadDay);
        return sql.ToString();
    }

    public static HeartbeatSql For(DatabaseFacade database) =>
        database.IsSqlite() ? SqliteHeartbeatSql.Instance : MySqlHeartbeatSql.Instance;

    /// <summary>
    /// One statement for all counters written, so one commit however many clients' hits it carries; the caller orders
    /// the rows by key, so two batches racing on the same rows lock them in the same order.
    /// </summary>
    private void AppendCountHits(StringBuilder sql, int written)
    {
        sql.Append(_countHitsHead);
        for (var i = 0; i < written; i++)
            sql.Append(i == 0 ? "\n" : ",\n").Append($"(@bucket_{i}, @window_start_{i}, @hits_{i}, @window_end_{i})");
        sql.Append(_countHitsUpdate);
    }

    private void AppendReadCounts(StringBuilder sql, int counters)
    {
        sql.Append($"\n\nSELECT bucket, window_start_utc, {_countColumn} FROM rate_limit_counters WHERE");
        for (var i = 0; i < counters; i++)
            sql.Append(i == 0 ? "\n" : "\n   OR ").Append($"(bucket = @bucket_{i} AND window_start_utc = @window_start_{i})");
        sql.Append(';');
    }

    /// <summary>Expired rows stay until the cleanup job deletes them, so every read filters on expiry.</summary>
    private const string ReadDay = """

        SELECT slot_time, client_id, expires_utc FROM slot_selections
        WHERE slot_date = @date AND employee_id = @employee AND expires_utc > @now;

        SELECT slot_time, owner_client_id, secret, expires_utc FROM slot_locks
        WHERE slot_date = @date AND employee_id = @employee AND expires_utc > @now;

        SELECT a.start_utc, a.end_utc, s.buffer_before_minutes, s.buffer_after_minutes
        FROM appointments a JOIN services s ON s.id = a.service_id
        WHERE a.employee_id = @employee AND a.status = @confirmed AND a.start_utc < @bookings_to AND a.end_utc > @bookings_from;
        """;
}
