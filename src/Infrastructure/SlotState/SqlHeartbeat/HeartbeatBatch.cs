using System.Data.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.RateLimiting;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// One SQL-mode heartbeat's command (<see cref="HeartbeatSql"/>): binds the parameters, runs it and reads its result
/// sets. The hits go into the same <c>rate_limit_counters</c> rows (bucket and epoch-aligned window) as
/// <see cref="SqlRateLimiter"/>'s, so every instance counts in one row (decision 026).
/// </summary>
internal static class HeartbeatBatch
{
    /// <summary>
    /// Writes the counters' hits (those with <see cref="CounterSync.Hits"/> above 0, which <see cref="HeartbeatHits.Take"/>
    /// puts first, ordered by key), reads back every counter's count, and writes the selection refresh when
    /// <paramref name="selectedTime"/> is given; with
    /// <paramref name="readsDay"/> the day's state comes back too.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<(string Bucket, DateTime WindowStart), long> Counts, DaySlotState? Day)> RunAsync(AppDbContext db,
        HeartbeatHit hit, ClientId client, TimeOnly? selectedTime, TimeSpan selectionTtl, IReadOnlyList<CounterSync> counters, bool readsDay,
        CancellationToken cancellationToken)
    {
        var (date, employeeId, now) = (hit.Date, hit.EmployeeId, hit.NowUtc);
        var written = counters.TakeWhile(c => c.Hits > 0).Count();
        var command = new HandWrittenCommand(db, HeartbeatSql.For(db.Database).Batch(written, counters.Count, refreshesSelection: selectedTime is not null, readsDay));
        for (var i = 0; i < counters.Count; i++)
        {
            command.Parameter<RateLimitCounterRow>($"bucket_{i}", nameof(RateLimitCounterRow.Bucket), counters[i].Bucket)
                .Parameter<RateLimitCounterRow>($"window_start_{i}", nameof(RateLimitCounterRow.WindowStartUtc), counters[i].WindowStart);
            if (i < written)
                command.Parameter<RateLimitCounterRow>($"window_end_{i}", nameof(RateLimitCounterRow.ExpiresUtc), counters[i].WindowEnd)
                    .Parameter<RateLimitCounterRow>($"hits_{i}", nameof(RateLimitCounterRow.Count), (int)counters[i].Hits);
        }
        if (selectedTime is not null || readsDay)
            command.Parameter<SlotSelectionRow>("date", nameof(SlotSelectionRow.SlotDate), date)
                .Parameter<SlotSelectionRow>("employee", nameof(SlotSelectionRow.EmployeeId), employeeId)
                .Parameter<SlotSelectionRow>("now", nameof(SlotSelectionRow.ExpiresUtc), now);
        if (selectedTime is { } time)
            command.Parameter<RateLimitCounterRow>("bucket", nameof(RateLimitCounterRow.Bucket), hit.Bucket)
                .Parameter<RateLimitCounterRow>("window_start", nameof(RateLimitCounterRow.WindowStartUtc), hit.WindowStart)
                .Parameter<RateLimitCounterRow>("limit", nameof(RateLimitCounterRow.Count), hit.Limit.PermitLimit)
                .Parameter<SlotSelectionRow>("time", nameof(SlotSelectionRow.SlotTime), time)
                .Parameter<SlotSelectionRow>("client", nameof(SlotSelectionRow.ClientId), client.Value)
                .Parameter<SlotSelectionRow>("selection_expires", nameof(SlotSelectionRow.ExpiresUtc), now + selectionTtl);
        if (readsDay)
        {
            var (bookingsFrom, bookingsTo) = DaySlotState.BookingsWindowUtc(date);
            command.Parameter<Appointment>("confirmed", nameof(Appointment.Status), AppointmentStatus.Confirmed)
                .Parameter<Appointment>("bookings_from", nameof(Appointment.EndUtc), bookingsFrom)
                .Parameter<Appointment>("bookings_to", nameof(Appointment.StartUtc), bookingsTo);
        }

        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        var reader = result.DbDataReader;
        Dictionary<(string Bucket, DateTime WindowStart), long> counts = [];
        var atFirstResult = true;
        if (counters.Count > 0)
        {
            while (await reader.ReadAsync(cancellationToken))
                counts[(reader.GetString(0), Utc(reader.GetDateTime(1)))] = reader.GetInt64(2);
            atFirstResult = false;
        }
        if (!readsDay) return (counts, null);

        var selections = new List<SlotSelectionState>();
        if (!atFirstResult) await NextResultAsync(reader, "selections", cancellationToken);
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

        return (counts, new DaySlotState(selections, locks) { Bookings = bookings });
    }

    private static async Task NextResultAsync(DbDataReader reader, string expected, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
            throw new InvalidOperationException($"The heartbeat batch returned no result set for the {expected}.");
    }

    /// <summary>Both providers hand DATETIME columns back unspecified; every time in the model is UTC.</summary>
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
