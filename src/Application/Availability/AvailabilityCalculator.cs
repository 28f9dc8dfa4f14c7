using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Availability;

/// <summary>Combines the slot grid (hours, bookings) with live slot state (locks, selections) into statuses.</summary>
public sealed class AvailabilityCalculator(ScheduleReader scheduleReader, ISlotStateStore slotState, ISettingsProvider settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<DayAvailabilityDto>> ForRangeAsync(int employeeId, ServiceFootprint service, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var plans = await scheduleReader.LoadAsync(policy, employeeId, from, to, null, cancellationToken);
        var now = clock.GetUtcNow();
        var days = new List<DayAvailabilityDto>(plans.Count);
        foreach (var plan in plans)
        {
            var grid = SlotGrid.Calculate(policy, service, plan, now);
            var live = grid.Count == 0 ? DaySlotState.Empty : await slotState.GetDayStateAsync(plan.Date, employeeId, cancellationToken);
            days.Add(new DayAvailabilityDto(Formats.ToText(plan.Date), employeeId, grid.Select(slot => new SlotDto(Formats.ToText(slot.Time), StatusOf(slot, live))).ToList()));
        }
        return days;
    }

    /// <summary>
    /// The grid slot at the key, or null when that start is not offered (off-grid, outside hours, past notice or horizon).
    /// Without a service the slot must fit one grid step, which is what selecting or locking a start requires.
    /// </summary>
    public async Task<GridSlot?> FindSlotAsync(SlotKey key, ServiceFootprint? service, int? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        if (!policy.IsOnGrid(key.Time)) return null;
        var footprint = service ?? new ServiceFootprint(policy.SlotMinutes, 0, 0);
        var plan = (await scheduleReader.LoadAsync(policy, key.EmployeeId, key.Date, key.Date, ignoreAppointmentId, cancellationToken))[0];
        return SlotGrid.Calculate(policy, footprint, plan, clock.GetUtcNow()).FirstOrDefault(s => s.Time == key.Time);
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
