using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Admin.Employees;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(SetEmployeeHoursValidator), typeof(WorkingDayValidator))]
public sealed class SetEmployeeHoursValidatorTests
{
    private static readonly SetEmployeeHoursValidator Validator = new();

    private static string[] Fields(params WorkingDayInput[] days) =>
        Validator.Validate(new SetEmployeeHoursCommand(1, 1, days)).Errors.Select(e => e.PropertyName).Distinct().ToArray();

    private static WorkingDayInput Day(string opens, string closes, params (string, string)[] breaks) =>
        new("monday", opens, closes, breaks.Select(b => new TimeRangeInput(b.Item1, b.Item2)).ToList());

    [Fact]
    public void ValidWeek_WithMidnightClose_HasNoErrors() =>
        Assert.Empty(Fields(Day("09:00", "00:00", ("12:00", "13:00"), ("18:00", "18:30")), new WorkingDayInput("Friday", "10:00", "14:00", null)));

    [Fact]
    public void OverlappingBreaks_NameTheDaysBreaks() =>
        Assert.Equal(["days[0].breaks"], Fields(Day("09:00", "17:00", ("12:00", "13:00"), ("12:30", "14:00"))));

    [Fact]
    public void BreakEndingAfterClosing_NamesTheBreakEnd() =>
        Assert.Equal(["days[0].breaks[0].end"], Fields(Day("09:00", "12:00", ("11:00", "13:00"))));

    [Fact]
    public void BreakStartingBeforeOpening_NamesTheBreakStart() =>
        Assert.Equal(["days[0].breaks[0].start"], Fields(Day("09:00", "12:00", ("08:00", "10:00"))));

    [Fact]
    public void ClosingBeforeOpening_NamesCloses() => Assert.Equal(["days[0].closes"], Fields(Day("17:00", "09:00")));

    [Fact]
    public void SameWeekdayTwice_NamesDays() => Assert.Equal(["days"], Fields(Day("08:00", "10:00"), Day("11:00", "12:00")));

    [Fact]
    public void UnknownWeekdayOrNumber_NamesDay() =>
        Assert.Equal(["days[0].day", "days[1].day"], Fields(new WorkingDayInput("funday", "09:00", "10:00", null), new WorkingDayInput("1", "09:00", "10:00", null)));
}
