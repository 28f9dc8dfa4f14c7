using System.Collections.Concurrent;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Availability;

/// <summary>
/// One employee's day without its bookings (hours, closure, time off), built once per catalogue snapshot instead of on
/// every select, lock and SQL-mode heartbeat (decision 153): the snapshot is immutable, so a plan built from it stays
/// right until the next one replaces it, and the first request after a reload builds the plan again. Entries are bounded
/// by employees times the dates callers ask about (today to the booking horizon: the guard, the heartbeat and the slot
/// stream check the date first).
/// </summary>
public sealed class SnapshotDayPlans
{
    private Plans? _plans;

    public DayPlan GetOrAdd(ScheduleSnapshot snapshot, int employeeId, DateOnly date, Func<DayPlan> build)
    {
        var plans = _plans;
        if (plans is null || !ReferenceEquals(plans.Snapshot, snapshot))
            _plans = plans = new Plans(snapshot); // two requests racing over a reload may each start one: either is right
        return plans.ByDay.TryGetValue((employeeId, date), out var plan) ? plan : plans.ByDay.GetOrAdd((employeeId, date), build());
    }

    private sealed class Plans(ScheduleSnapshot snapshot)
    {
        public ScheduleSnapshot Snapshot { get; } = snapshot;
        public ConcurrentDictionary<(int EmployeeId, DateOnly Date), DayPlan> ByDay { get; } = new();
    }
}
