using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// The SQL-mode heartbeat as one batch of statements, sent as one DbCommand: one round trip (decision 065). The
/// refresh and the reads are left out when decision 128 lets a heartbeat skip them.
/// Result sets, in order: the count in the hit's rate-limit window; the day's live selections; its live locks; the
/// employee's confirmed bookings in <c>DaySlotState.BookingsWindowUtc</c>. The two upserts (the counter, and the
/// selection refresh when the client sent a selected time) return no result set; the refresh is guarded by the
/// counter, so over the limit it changes nothing. The counter statements are <see cref="RateLimiting.SqlCountHit"/>, the
/// same as the SQL limiter's. Only the upserts differ between providers.
/// </summary>
internal abstract class HeartbeatSql
{
    private readonly string _countHit;
    private readonly string _refreshSelection;

    protected HeartbeatSql(string countHit, string refreshSelection)
    {
        _countHit = countHit;
        _refreshSelection = refreshSelection;
    }

    /// <summary>
    /// Without <paramref name="readsDay"/> the batch only counts (and refreshes): the day comes from a read another
    /// heartbeat of this instance shared moments ago (<see cref="SharedDayReads"/>, decision 128).
    /// </summary>
    public string Batch(bool refreshesSelection, bool readsDay = true) =>
        _countHit + (refreshesSelection ? _refreshSelection : "") + (readsDay ? ReadDay : "");

    public static HeartbeatSql For(DatabaseFacade database) =>
        database.IsSqlite() ? SqliteHeartbeatSql.Instance : MySqlHeartbeatSql.Instance;

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
