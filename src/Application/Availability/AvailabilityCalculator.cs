using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Availability;

/// <summary>Combines the slot grid (hours, bookings) with live slot state (locks, selections) into statuses.</summary>
public sealed class AvailabilityCalculator(
    ScheduleReader scheduleReader,
    DayBookings dayBookings,
    ISlotStateStore slotState,
    ISettingsProvider settings,
    TimeProvider clock)
{
    /// <summary>
    /// Each open day's live state is read together with its cached bookings (one round trip per day, decision 125); the
    /// days the cache misses are read from SQL in one query and cached. Closed days cost nothing beyond the cached catalogue.
    /// </summary>
    public async Task<IReadOnlyList<DayAvailabilityDto>> ForRangeAsync(int employeeId, ServiceFootprint service, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var now = clock.GetUtcNow();
        var plans = await scheduleReader.LoadWithoutBookingsAsync(policy, employeeId, from, to, cancellationToken);
        var grids = plans.ToDictionary(p => p.Date, p => SlotGrid.Calculate(policy, service, p, now));
        var live = new Dictionary<DateOnly, DaySlotState>();
        var cached = new Dictionary<DateOnly, DayBookingsCacheEntry>();
        foreach (var plan in plans.Where(p => grids[p.Date].Count > 0))
        {
            // Sent together, state first, like the heartbeat's two reads (HeartbeatDayReader).
            var state = slotState.GetDayStateAsync(plan.Date, employeeId, cancellationToken);
            var lookUp = dayBookings.LookUpAsync(plan.Date, employeeId, cancellationToken);
            live[plan.Date] = await state;
            cached[plan.Date] = await lookUp;
        }
        var busy = await BusyByDayAsync(policy, employeeId, cached, cancellationToken);

        return plans.Select(plan =>
        {
            if (!live.TryGetValue(plan.Date, out var state)) return new DayAvailabilityDto(Formats.ToText(plan.Date), employeeId, []);
            var grid = SlotGrid.WithBookings(grids[plan.Date], service, busy[plan.Date]);
            return new DayAvailabilityDto(Formats.ToText(plan.Date), employeeId,
                grid.Select(slot => new SlotDto(Formats.ToText(slot.Time), StatusOf(slot, state))).ToList());
        }).ToList();
    }

    private async Task<Dictionary<DateOnly, IReadOnlyList<BusyInterval>>> BusyByDayAsync(SchedulingPolicy policy, int employeeId,
        Dictionary<DateOnly, DayBookingsCacheEntry> cached, CancellationToken cancellationToken)
    {
        var busy = cached.Where(d => d.Value.Bookings is not null)
            .ToDictionary(d => d.Key, d => d.Value.Bookings!.Busy);
        var misses = cached.Keys.Where(d => !busy.ContainsKey(d)).Order().ToList();
        if (misses.Count == 0) return busy;
        var fresh = await scheduleReader.LoadAsync(policy, employeeId, misses[0], misses[^1], null, cancellationToken);
        foreach (var plan in fresh.Where(p => cached.ContainsKey(p.Date) && !busy.ContainsKey(p.Date)))
            busy[plan.Date] = (await dayBookings.CacheAsync(policy, plan, employeeId, cached[plan.Date].Version, cancellationToken)).Busy;
        return busy;
    }

    /// <summary>
    /// The grid slot at the key, or null when that start is not offered (off-grid, outside hours, past notice or horizon).
    /// Without a service the slot must fit one grid step, which is what selecting or locking a start requires.
    /// </summary>
    public async Task<GridSlot?> FindSlotAsync(SlotKey key, ServiceFootprint? service, int? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        if (!policy.IsOnGrid(key.Time)) return null;
        var footprint = service ?? policy.OneGridStep;
        var plan = (await scheduleReader.LoadAsync(policy, key.EmployeeId, key.Date, key.Date, ignoreAppointmentId, cancellationToken))[0];
        return SlotGrid.Find(policy, footprint, plan, clock.GetUtcNow(), key.Time);
    }

    public static ServiceFootprint FootprintOf(Service service) =>
        new(service.DurationMinutes, service.BufferBeforeMinutes, service.BufferAfterMinutes);

    private static string StatusOf(GridSlot slot, DaySlotState live)
    {
        if (slot.Booked) return SlotStatus.Booked;
        if (live.Locks.Any(l => l.Slot.Time == slot.Time)) return SlotStatus.Locked;
        if (live.Selections.Any(s => s.Time == slot.Time)) return SlotStatus.Selected;
        return SlotStatus.Available;
    }
}
