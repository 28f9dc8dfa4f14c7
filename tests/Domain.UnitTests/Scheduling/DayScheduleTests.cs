using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Domain.UnitTests.Scheduling;

public sealed class DayScheduleTests
{
    private static TimeRange Range(string start, string end) => new(TimeOnly.Parse(start), TimeOnly.Parse(end));

    [Fact]
    public void New_WithBreakOutsideHours_Throws() =>
        Assert.Throws<DomainException>(() => new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), [Range("08:00", "09:30")]));

    [Fact]
    public void New_WithOverlappingBreaks_Throws() =>
        Assert.Throws<DomainException>(() => new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), [Range("12:00", "13:00"), Range("12:30", "14:00")]));

    [Fact]
    public void New_WithClosingBeforeOpening_Throws() =>
        Assert.Throws<DomainException>(() => new DaySchedule(new TimeOnly(17, 0), new TimeOnly(9, 0)));

    [Fact]
    public void WorkingMinutes_SubtractBreaks()
    {
        var day = new DaySchedule(new TimeOnly(9, 0), new TimeOnly(17, 0), [Range("12:00", "13:00"), Range("15:00", "15:15")]);

        Assert.Equal([(540, 720), (780, 900), (915, 1020)], day.WorkingMinutes());
        // Built with the schedule: every start the select and lock check on a shared day plan reads the same ranges.
        Assert.Same(day.WorkingMinutes(), day.WorkingMinutes());
    }

    [Fact]
    public void WorkingMinutes_UntilMidnight_EndAt1440()
    {
        var day = new DaySchedule(new TimeOnly(20, 0), TimeOnly.MinValue);

        Assert.Equal([(1200, 1440)], day.WorkingMinutes());
    }

    [Fact]
    public void Intersect_KeepsOnlyCommonMinutes()
    {
        var result = DaySchedule.Intersect([(540, 720), (780, 1020)], [(600, 800)]);

        Assert.Equal([(600, 720), (780, 800)], result);
    }
}
