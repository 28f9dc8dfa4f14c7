using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Availability;

/// <summary>
/// Loads what the pure <see cref="SlotGrid"/> needs for one employee over a date range: hours, closures and time off
/// from the cached <see cref="ScheduleSnapshot"/>, bookings fresh from the database in one query, however long the range.
/// </summary>
public sealed class ScheduleReader(Lazy<IAppDbContext> database, IScheduleSnapshotProvider snapshots, SnapshotDayPlans dayPlans)
{
    // Lazy: a heartbeat, select or availability served from the caches never touches the database, so it should not
    // rent a pooled context either (decision 068).
    private IAppDbContext Db => database.Value;

    public async Task<IReadOnlyList<DayPlan>> LoadAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        int? ignoreAppointmentId, CancellationToken cancellationToken) =>
        await PlansAsync(policy, employeeId, from, to,
            await BusyIntervalsAsync(policy, employeeId, from, to, ignoreAppointmentId, cancellationToken), cancellationToken);

    /// <summary>
    /// The plans without their bookings: which starts are offered at all. Callers that have the bookings from elsewhere
    /// (the Redis cache, see <see cref="DayBookings"/>) then need no SQL while the catalogue is cached.
    /// </summary>
    public Task<IReadOnlyList<DayPlan>> LoadWithoutBookingsAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken) =>
        PlansAsync(policy, employeeId, from, to, [], cancellationToken);

    /// <summary>
    /// One day without its bookings, for the select's and the lock's check and the SQL-mode heartbeat
    /// (<see cref="SnapshotDayPlans"/>): built from the snapshot once, then shared until the snapshot is replaced. A plan
    /// without bookings does not depend on the policy (only the bookings' window does), so the policy is not part of the key.
    /// </summary>
    public async Task<DayPlan> DayWithoutBookingsAsync(SchedulingPolicy policy, int employeeId, DateOnly date, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(cancellationToken);
        if (date < snapshot.CoversFrom) return (await PlansAsync(policy, employeeId, date, date, [], cancellationToken))[0];
        return dayPlans.GetOrAdd(snapshot, employeeId, date,
            () => Plans(policy, snapshot, employeeId, date, date, snapshot.Closures, snapshot.TimeOff[employeeId].ToList(), [])[0]);
    }

    /// <summary>
    /// One day's plan from bookings the caller already holds (the SQL-mode heartbeat reads them in its own round trip,
    /// decision 066): the day's calendar is the snapshot's shared plan (<see cref="DayWithoutBookingsAsync"/>), so this
    /// usually runs no query and builds no schedule; only the bookings are the caller's.
    /// </summary>
    public async Task<DayPlan> PlanDayAsync(SchedulingPolicy policy, int employeeId, DateOnly date, IEnumerable<ConfirmedBooking> bookings,
        CancellationToken cancellationToken)
    {
        var calendar = await DayWithoutBookingsAsync(policy, employeeId, date, cancellationToken);
        var (dayStart, dayEnd) = BusyWindowUtc(policy, date, date);
        return calendar with { Busy = bookings.Select(b => b.Busy).Where(b => b.Overlaps(dayStart, dayEnd)).ToList() };
    }

    /// <summary>
    /// The UTC range whose bookings can matter for [from, to]: each local day widened by a day on each side, which
    /// covers bookings whose buffers spill over midnight in UTC.
    /// </summary>
    public static (DateTime StartUtc, DateTime EndUtc) BusyWindowUtc(SchedulingPolicy policy, DateOnly from, DateOnly to) =>
        (policy.MinuteToUtc(from, 0).AddDays(-1), policy.MinuteToUtc(to, 24 * 60).AddDays(1));

    private async Task<IReadOnlyList<DayPlan>> PlansAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        List<BusyInterval> busyIntervals, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(cancellationToken);
        var (closures, timeOff) = from >= snapshot.CoversFrom
            ? (snapshot.Closures, snapshot.TimeOff[employeeId].ToList())
            : await CalendarFromDatabaseAsync(employeeId, from, to, cancellationToken);
        return Plans(policy, snapshot, employeeId, from, to, closures, timeOff, busyIntervals);
    }

    private static List<DayPlan> Plans(SchedulingPolicy policy, ScheduleSnapshot snapshot, int employeeId, DateOnly from, DateOnly to,
        IReadOnlySet<DateOnly> closures, List<EmployeeTimeOff> timeOff, List<BusyInterval> busyIntervals)
    {
        var employeeHours = snapshot.EmployeeHours[employeeId].ToList();
        var plans = new List<DayPlan>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var (dayStart, dayEnd) = BusyWindowUtc(policy, date, date);
            plans.Add(new DayPlan(
                date,
                snapshot.BusinessHours.FirstOrDefault(h => h.Day == date.DayOfWeek)?.ToSchedule(),
                employeeHours.FirstOrDefault(h => h.Day == date.DayOfWeek)?.ToSchedule(),
                closures.Contains(date),
                timeOff.Any(t => t.Covers(date)),
                busyIntervals.Where(b => b.Overlaps(dayStart, dayEnd)).ToList()));
        }
        return plans;
    }

    /// <summary>Only for ranges that start before the snapshot's window (nobody books the past, but reads may ask).</summary>
    private async Task<(IReadOnlySet<DateOnly>, List<EmployeeTimeOff>)> CalendarFromDatabaseAsync(int employeeId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var closures = await Db.Closures.AsNoTracking().Where(c => c.Date >= from && c.Date <= to).Select(c => c.Date).ToListAsync(cancellationToken);
        var timeOff = await Db.EmployeeTimeOff.AsNoTracking()
            .Where(t => t.EmployeeId == employeeId && t.From <= to && t.To >= from).ToListAsync(cancellationToken);
        return (closures.ToHashSet(), timeOff);
    }

    private async Task<List<BusyInterval>> BusyIntervalsAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        int? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        var (windowStart, windowEnd) = BusyWindowUtc(policy, from, to);
        var busy = new List<BusyInterval>();
        await foreach (var booking in Db.ConfirmedBookingsAsync(employeeId, windowStart, windowEnd, ignoreAppointmentId ?? 0).WithCancellation(cancellationToken))
            busy.Add(booking.Busy);
        return busy;
    }
}
