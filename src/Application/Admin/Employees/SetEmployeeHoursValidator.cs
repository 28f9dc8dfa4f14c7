using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common;
using FluentValidation;

namespace AppointEase.Application.Admin.Employees;

public sealed class SetEmployeeHoursValidator : AbstractValidator<SetEmployeeHoursCommand>
{
    public SetEmployeeHoursValidator()
    {
        RuleFor(c => c.Days).WeekRules();
        RuleForEach(c => c.Days).SetValidator(new WorkingDayValidator()).OverridePropertyName("days");
    }
}

public static class WeekValidation
{
    /// <summary>The rules of a whole week (employee or business hours): present, ≤ 7 days, no nulls, each weekday once.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<WorkingDayInput>?> WeekRules<T>(this IRuleBuilderInitial<T, IReadOnlyList<WorkingDayInput>?> rule) =>
        rule.Cascade(CascadeMode.Stop).NotNull().Must(days => days!.Count <= 7).WithMessage("At most 7 days.")
            .Must(days => days!.All(d => d is not null)).WithMessage("Days must not contain null.")
            .Must(days => days!.Where(d => Weekdays.TryParse(d.Day, out _)).GroupBy(d => d.Day!.ToLowerInvariant()).All(g => g.Count() == 1))
            .WithMessage("Each weekday may appear once; a day has one opening range (use breaks for gaps).")
            .OverridePropertyName("days");
}

/// <summary>
/// Checks one day's hours as the domain's <c>DaySchedule</c> would, but as 422s naming the field instead of exceptions:
/// times HH:mm, closes after opens (00:00 = midnight), breaks well-formed, inside the hours and not overlapping.
/// </summary>
public sealed class WorkingDayValidator : AbstractValidator<WorkingDayInput>
{
    public const int MaxBreaks = 10;
    private const int Midnight = 24 * 60;

    public WorkingDayValidator()
    {
        RuleFor(d => d.Day).Must(d => Weekdays.TryParse(d, out _)).WithMessage("Day must be a weekday name (monday … sunday).")
            .OverridePropertyName("day");
        RuleFor(d => d.Opens).Must(Formats.IsTime).WithMessage("Opens must be a time HH:mm.").OverridePropertyName("opens");
        RuleFor(d => d.Closes).Cascade(CascadeMode.Stop).Must(Formats.IsTime).WithMessage("Closes must be a time HH:mm (00:00 = midnight).")
            .Must((d, closes) => !Formats.IsTime(d.Opens) || EndMinute(closes!) > StartMinute(d.Opens!))
            .WithMessage("Closes must be after opens.").OverridePropertyName("closes");
        RuleFor(d => d.Breaks).Must(b => b is null || b.Count <= MaxBreaks).WithMessage($"At most {MaxBreaks} breaks a day.")
            .Must(b => b is null || b.All(x => x is not null)).WithMessage("Breaks must not contain null.")
            .Must(NotOverlap).WithMessage("Breaks must not overlap.").OverridePropertyName("breaks");
        RuleForEach(d => d.Breaks).SetValidator((day, _) => new BreakValidator(day)).OverridePropertyName("breaks");
    }

    private sealed class BreakValidator : AbstractValidator<TimeRangeInput>
    {
        public BreakValidator(WorkingDayInput day)
        {
            RuleFor(b => b.Start).Cascade(CascadeMode.Stop).Must(Formats.IsTime).WithMessage("Break start must be a time HH:mm.")
                .Must(start => !Formats.IsTime(day.Opens) || StartMinute(start!) >= StartMinute(day.Opens!))
                .WithMessage("A break must lie within the day's hours.").OverridePropertyName("start");
            RuleFor(b => b.End).Cascade(CascadeMode.Stop).Must(Formats.IsTime).WithMessage("Break end must be a time HH:mm.")
                .Must((b, end) => !Formats.IsTime(b.Start) || EndMinute(end!) > StartMinute(b.Start!))
                .WithMessage("Break end must be after its start.")
                .Must(end => !Formats.IsTime(day.Closes) || EndMinute(end!) <= EndMinute(day.Closes!))
                .WithMessage("A break must lie within the day's hours.").OverridePropertyName("end");
        }
    }

    private static bool NotOverlap(IReadOnlyList<TimeRangeInput>? breaks)
    {
        var ranges = (breaks ?? []).Where(b => b is not null && Formats.IsTime(b.Start) && Formats.IsTime(b.End))
            .Select(b => (Start: StartMinute(b.Start!), End: EndMinute(b.End!))).OrderBy(r => r.Start).ToList();
        return ranges.Zip(ranges.Skip(1)).All(p => p.First.End <= p.Second.Start);
    }

    private static int StartMinute(string time)
    {
        var t = Formats.ParseTime(time);
        return t.Hour * 60 + t.Minute;
    }

    /// <summary>As an end, 00:00 means the day's end (as in the domain's TimeRange).</summary>
    private static int EndMinute(string time)
    {
        var minute = StartMinute(time);
        return minute == 0 ? Midnight : minute;
    }
}
