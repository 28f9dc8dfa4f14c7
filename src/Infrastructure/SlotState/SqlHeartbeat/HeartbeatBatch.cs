using System.Data.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.RateLimiting;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// One SQL-mode heartbeat: binds <see cref="HeartbeatSql"/>'s parameters, runs it as one command and reads its result
/// sets. Counts in the same <c>rate_limit_counters</c> row (bucket and epoch-aligned window) as <see cref="SqlRateLimiter"/>
/// and the Redis heartbeat script, so a failover mid-window keeps counting (decision 026).
/// </summary>
internal static class HeartbeatBatch
{
    /// <summary>
    /// Runs the batch; with <paramref name="readsDay"/> the day's state comes back too, also when the hit is refused
    /// (other heartbeats may be waiting for this read).
    /// </summary>
    public static async Task<(RateLimitDecision Decision, DaySlotState? Day)> RunAsync(AppDbContext db, DateOnly date, int employeeId, ClientId client,
        TimeOnly? selectedTime, TimeSpan selectionTtl, RateLimitRule limit, DateTime now, bool readsDay, CancellationToken cancellationToken)
    {
        var (windowStart, windowEnd) = RateLimitBuckets.WindowAt(now, limit.Window);
        var (bookingsFrom, bookingsTo) = DaySlotState.BookingsWindowUtc(date);
        var command = new HandWrittenCommand(db, HeartbeatSql.For(db.Database).Batch(refreshesSelection: selectedTime is not null, readsDay))
            .BindCounter(RateLimitBuckets.Of(limit, SlotKey.DayKey(date, employeeId) + client.Value), windowStart, windowEnd)
            .Parameter<SlotSelectionRow>("date", nameof(SlotSelectionRow.SlotDate), date)
            .Parameter<SlotSelectionRow>("employee", nameof(SlotSelectionRow.EmployeeId), employeeId)
            .Parameter<SlotSelectionRow>("now", nameof(SlotSelectionRow.ExpiresUtc), now)
            .Parameter<Appointment>("confirmed", nameof(Appointment.Status), AppointmentStatus.Confirmed)
            .Parameter<Appointment>("bookings_from", nameof(Appointment.EndUtc), bookingsFrom)
            .Parameter<Appointment>("bookings_to", nameof(Appointment.StartUtc), bookingsTo);
        if (selectedTime is { } time)
        {
            command.Parameter<RateLimitCounterRow>("limit", nameof(RateLimitCounterRow.Count), limit.PermitLimit)
                .Parameter<SlotSelectionRow>("time", nameof(SlotSelectionRow.SlotTime), time)
                .Parameter<SlotSelectionRow>("client", nameof(SlotSelectionRow.ClientId), client.Value)
                .Parameter<SlotSelectionRow>("selection_expires", nameof(SlotSelectionRow.ExpiresUtc), now + selectionTtl);
        }

        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        var reader = result.DbDataReader;
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The heartbeat's counter was not found after its upsert.");
        // Refused: the guarded selection refresh changed nothing; the caller shows nothing, as in Redis mode.
        var decision = RateLimitBuckets.Decide(limit, reader.GetInt64(0), now, windowEnd);
        if (!readsDay) return (decision, null);

        var selections = new List<SlotSelectionState>();
        await NextResultAsync(reader, "selections", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            selections.Add(new SlotSelectionState(reader.GetFieldValue<TimeOnly>(0), reader.GetString(1), Utc(reader.GetDateTime(2))));

        var locks = new List<SlotLockState>();
        await NextResultAsync(reader, "locks", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            locks.Add(new SlotLockState(new SlotKey(date, employeeId, reader.GetFieldValue<TimeOnly>(0)), reader.GetString(1), reader.GetString(2),
                Utc(reader.GetDateTime(3))));

        var bookings = new List<ConfirmedBooking>();
        await NextResultAsync(reader, "bookings", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            bookings.Add(new ConfirmedBooking(Utc(reader.GetDateTime(0)), Utc(reader.GetDateTime(1)), reader.GetInt32(2), reader.GetInt32(3)));

        return (decision, new DaySlotState(selections, locks) { Bookings = bookings });
    }

    private static async Task NextResultAsync(DbDataReader reader, string expected, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
            throw new InvalidOperationException($"The heartbeat batch returned no result set for the {expected}.");
    }

    /// <summary>Both providers hand DATETIME columns back unspecified; every time in the model is UTC.</summary>
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
