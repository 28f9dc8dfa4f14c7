using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.Catalogue;

/// <summary>One weekday of an employee's own hours; absence of a row means the employee does not work that day.</summary>
public sealed class EmployeeWorkingHours : Entity
{
    private EmployeeWorkingHours() { Breaks = []; }

    public EmployeeWorkingHours(DayOfWeek day, DaySchedule schedule)
    {
        Day = day;
        Opens = schedule.Opens;
        Closes = schedule.Closes;
        Breaks = schedule.Breaks.Select(b => new BreakPeriod(b.Start, b.End)).ToList();
    }

    public int EmployeeId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public TimeOnly Opens { get; private set; }
    public TimeOnly Closes { get; private set; }
    public List<BreakPeriod> Breaks { get; private set; }

    public DaySchedule ToSchedule() => new(Opens, Closes, Breaks.Select(b => new TimeRange(b.Start, b.End)).ToList());
}
