using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.Catalogue;

/// <summary>The business's opening hours for one weekday; a missing weekday means closed.</summary>
public sealed class BusinessHours : Entity
{
    private BusinessHours() { Breaks = []; }

    public BusinessHours(DayOfWeek day, DaySchedule schedule)
    {
        Day = day;
        Breaks = [];
        Change(schedule);
    }

    public DayOfWeek Day { get; private set; }
    public TimeOnly Opens { get; private set; }
    public TimeOnly Closes { get; private set; }
    public List<BreakPeriod> Breaks { get; private set; }

    public void Change(DaySchedule schedule)
    {
        Opens = schedule.Opens;
        Closes = schedule.Closes;
        Breaks = schedule.Breaks.Select(b => new BreakPeriod(b.Start, b.End)).ToList();
    }

    public DaySchedule ToSchedule() => new(Opens, Closes, Breaks.Select(b => new TimeRange(b.Start, b.End)).ToList());
}
