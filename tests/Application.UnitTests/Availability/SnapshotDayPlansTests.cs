using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.UnitTests.Availability;

public sealed class SnapshotDayPlansTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    private static ScheduleSnapshot Snapshot() => new(new Dictionary<int, Service>(), new Dictionary<int, ActiveEmployee>(), [],
        Array.Empty<EmployeeWorkingHours>().ToLookup(h => h.EmployeeId), new HashSet<DateOnly>(),
        Array.Empty<EmployeeTimeOff>().ToLookup(t => t.EmployeeId), Monday);

    private static DayPlan Plan(DateOnly date) => new(date, null, null, BusinessClosed: true, EmployeeOff: false, []);

    [Fact]
    public void GetOrAdd_SameSnapshot_BuildsEachEmployeeDayOnce()
    {
        var plans = new SnapshotDayPlans();
        var snapshot = Snapshot();
        var builds = 0;

        var first = plans.GetOrAdd(snapshot, 1, Monday, () => { builds++; return Plan(Monday); });
        var again = plans.GetOrAdd(snapshot, 1, Monday, () => { builds++; return Plan(Monday); });
        plans.GetOrAdd(snapshot, 2, Monday, () => { builds++; return Plan(Monday); });
        plans.GetOrAdd(snapshot, 1, Monday.AddDays(1), () => { builds++; return Plan(Monday.AddDays(1)); });

        Assert.Same(first, again);
        Assert.Equal(3, builds);
    }

    [Fact]
    public void GetOrAdd_AfterTheSnapshotIsReplaced_BuildsFromTheNewOne()
    {
        var plans = new SnapshotDayPlans();
        var old = plans.GetOrAdd(Snapshot(), 1, Monday, () => Plan(Monday));

        // Equal by value (records) but another instance: a reload, whose rows may differ in ways the record cannot see.
        var fresh = plans.GetOrAdd(Snapshot(), 1, Monday, () => Plan(Monday));

        Assert.NotSame(old, fresh);
    }
}
