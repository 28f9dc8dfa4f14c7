using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Availability;

/// <summary>
/// Loads what the pure <see cref="SlotGrid"/> needs for one employee over a date range: hours, closures and time off
/// from the cached <see cref="ScheduleSnapshot"/>, bookings fresh from the database in one query, however long the range.
/// </summary>
public sealed class ScheduleReader(IAppDbContext db, IScheduleSnapshotProvider snapshots)
{
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

    private async Task<IReadOnlyList<DayPlan>> PlansAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        List<BusyInterval> busyIntervals, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(cancellationToken);
        var (closures, timeOff) = from >= snapshot.CoversFrom
            ? (snapshot.Closures, snapshot.TimeOff[employeeId].ToList())
            : await CalendarFromDatabaseAsync(employeeId, from, to, cancellationToken);
        var employeeHours = snapshot.EmployeeHours[employeeId].ToList();

        var plans = new List<DayPlan>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var dayStart = policy.MinuteToUtc(date, 0).AddDays(-1);
            var dayEnd = policy.MinuteToUtc(date, 24 * 60).AddDays(1);
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
        var closures = await db.Closures.AsNoTracking().Where(c => c.Date >= from && c.Date <= to).Select(c => c.Date).ToListAsync(cancellationToken);
        var timeOff = await db.EmployeeTimeOff.AsNoTracking()
            .Where(t => t.EmployeeId == employeeId && t.From <= to && t.To >= from).ToListAsync(cancellationToken);
        return (closures.ToHashSet(), timeOff);
    }

    private async Task<List<BusyInterval>> BusyIntervalsAsync(SchedulingPolicy policy, int employeeId, DateOnly from, DateOnly to,
        int? ignoreAppointmentId, CancellationToken cancellationToken)
    {
        // A day a little wider on each side covers bookings whose buffers spill over midnight in UTC.
        var windowStart = policy.MinuteToUtc(from, 0).AddDays(-1);
        var windowEnd = policy.MinuteToUtc(to, 24 * 60).AddDays(1);
        var busy = await (from a in db.Appointments.AsNoTracking()
                          join s in db.Services.AsNoTracking() on a.ServiceId equals s.Id
                          where a.EmployeeId == employeeId && a.Status == AppointmentStatus.Confirmed
                                && a.StartUtc < windowEnd && a.EndUtc > windowStart
                                && (ignoreAppointmentId == null || a.Id != ignoreAppointmentId)
                          select new { a.StartUtc, a.EndUtc, s.BufferBeforeMinutes, s.BufferAfterMinutes })
            .ToListAsync(cancellationToken);
        return busy
            .Select(b => new BusyInterval(
                DateTime.SpecifyKind(b.StartUtc, DateTimeKind.Utc).AddMinutes(-b.BufferBeforeMinutes),
                DateTime.SpecifyKind(b.EndUtc, DateTimeKind.Utc).AddMinutes(b.BufferAfterMinutes)))
            .ToList();
    }
}
