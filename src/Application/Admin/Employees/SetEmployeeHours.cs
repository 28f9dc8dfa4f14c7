using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using AppointEase.Domain.Scheduling;
using Mediator;

namespace AppointEase.Application.Admin.Employees;

public sealed record TimeRangeInput(string? Start, string? End);

/// <summary>One weekday's hours as sent: day name, HH:mm opens/closes (closes 00:00 = midnight), breaks inside.</summary>
public sealed record WorkingDayInput(string? Day, string? Opens, string? Closes, IReadOnlyList<TimeRangeInput>? Breaks);

/// <summary>
/// Replaces an employee's whole week: a weekday not listed is a day off. Existing appointments are never moved or
/// cancelled, even outside the new hours; they stay listed and keep blocking their time.
/// </summary>
public sealed record SetEmployeeHoursCommand(int Id, int? IfMatch, IReadOnlyList<WorkingDayInput>? Days) : ICommand<Result<AdminEmployeeDto>>, ITransactionalCommand;

public sealed class SetEmployeeHoursHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<SetEmployeeHoursCommand, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(SetEmployeeHoursCommand command, CancellationToken cancellationToken)
    {
        var employee = await EmployeeLoader.LoadAsync(db, command.Id, cancellationToken);
        if (employee is null) return EmployeeErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, employee.Version) is { } stale) return stale;

        var before = AdminEmployeeDto.From(employee);
        var week = WeekInput.ToWeek(command.Days!);
        foreach (var day in Enum.GetValues<DayOfWeek>())
            employee.SetHours(day, week.GetValueOrDefault(day));
        var after = AdminEmployeeDto.From(employee);
        audit.Record("employee.hours", "employee", employee.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();

        var changed = Enum.GetValues<DayOfWeek>()
            .Where(d => !WeekInput.Equivalent(before.Hours.FirstOrDefault(h => h.Day == Weekdays.ToText(d)),
                after.Hours.FirstOrDefault(h => h.Day == Weekdays.ToText(d))))
            .ToHashSet();
        await availability.EmployeeAsync(employee.Id, date => changed.Contains(date.DayOfWeek), cancellationToken);
        return after;
    }
}

internal static class WeekInput
{
    /// <summary>Validated days as domain schedules by weekday (a weekday not present is closed / off).</summary>
    public static Dictionary<DayOfWeek, DaySchedule> ToWeek(IReadOnlyList<WorkingDayInput> days) => days.ToDictionary(d => Parse(d.Day), ToSchedule);

    /// <summary>Same hours and breaks (records hold lists, which compare by reference, hence this).</summary>
    public static bool Equivalent(WorkingDayDto? a, WorkingDayDto? b) =>
        a is null || b is null ? a == b : a.Opens == b.Opens && a.Closes == b.Closes && a.Breaks.SequenceEqual(b.Breaks);

    private static DayOfWeek Parse(string? text) => Weekdays.TryParse(text, out var day) ? day : throw new ArgumentException("Validated day.");

    private static DaySchedule ToSchedule(WorkingDayInput day) => new(
        Formats.ParseTime(day.Opens!), Formats.ParseTime(day.Closes!),
        (day.Breaks ?? []).Select(b => new TimeRange(Formats.ParseTime(b.Start!), Formats.ParseTime(b.End!))).ToList());
}
