using AppointEase.Application.Admin.Common;
using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.BusinessHours;

/// <summary>
/// The business's weekly opening hours (Monday first). <c>Version</c> is the business settings' version: opening hours
/// and settings are one piece of business-wide configuration with one ETag.
/// </summary>
public sealed record AdminBusinessHoursDto(IReadOnlyList<WorkingDayDto> Days, int Version);

public sealed record GetBusinessHoursAdminQuery : IQuery<AdminBusinessHoursDto>;

/// <summary>Replaces the whole week of opening hours; a weekday not listed is closed. Appointments are never touched.</summary>
public sealed record SetBusinessHoursCommand(int? IfMatch, IReadOnlyList<WorkingDayInput>? Days) : ICommand<Result<AdminBusinessHoursDto>>, ITransactionalCommand;

internal static class BusinessWeek
{
    public static async Task<List<Domain.Catalogue.BusinessHours>> LoadAsync(IAppDbContext db, bool track, CancellationToken cancellationToken) =>
        await (track ? db.BusinessHours : db.BusinessHours.AsNoTracking()).ToListAsync(cancellationToken);

    public static IReadOnlyList<WorkingDayDto> ToDays(IEnumerable<Domain.Catalogue.BusinessHours> hours) =>
        hours.OrderBy(h => Weekdays.MondayFirstIndex(h.Day)).Select(h => new WorkingDayDto(Weekdays.ToText(h.Day), Formats.ToText(h.Opens),
            Formats.ToText(h.Closes), h.Breaks.OrderBy(b => b.Start).Select(b => new TimeRangeDto(Formats.ToText(b.Start), Formats.ToText(b.End))).ToList()))
        .ToList();
}

public sealed class GetBusinessHoursAdminHandler(IAppDbContext db) : IQueryHandler<GetBusinessHoursAdminQuery, AdminBusinessHoursDto>
{
    public async ValueTask<AdminBusinessHoursDto> Handle(GetBusinessHoursAdminQuery query, CancellationToken cancellationToken)
    {
        var version = await db.BusinessSettings.AsNoTracking().Select(s => s.Version).SingleAsync(cancellationToken);
        return new AdminBusinessHoursDto(BusinessWeek.ToDays(await BusinessWeek.LoadAsync(db, track: false, cancellationToken)), version);
    }
}

public sealed class SetBusinessHoursHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<SetBusinessHoursCommand, Result<AdminBusinessHoursDto>>
{
    public async ValueTask<Result<AdminBusinessHoursDto>> Handle(SetBusinessHoursCommand command, CancellationToken cancellationToken)
    {
        var settings = await db.BusinessSettings.SingleAsync(cancellationToken);
        if (Precondition.Check(command.IfMatch, settings.Version) is { } stale) return stale;
        var rows = await BusinessWeek.LoadAsync(db, track: true, cancellationToken);
        var before = new AdminBusinessHoursDto(BusinessWeek.ToDays(rows), settings.Version);

        // Days change in place (the unique weekday index never sees a delete and an insert of the same day).
        var week = WeekInput.ToWeek(command.Days!);
        foreach (var row in rows.Where(r => !week.ContainsKey(r.Day)).ToList())
        {
            db.BusinessHours.Remove(row);
            rows.Remove(row);
        }
        foreach (var (day, schedule) in week)
        {
            var row = rows.FirstOrDefault(r => r.Day == day);
            if (row is null) { row = new Domain.Catalogue.BusinessHours(day, schedule); db.BusinessHours.Add(row); rows.Add(row); }
            else row.Change(schedule);
        }
        settings.Touch();
        var after = new AdminBusinessHoursDto(BusinessWeek.ToDays(rows), settings.Version);
        audit.Record("business_hours.update", "business_hours", "week", before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();

        var changed = Enum.GetValues<DayOfWeek>().Where(d =>
            !WeekInput.Equivalent(before.Days.FirstOrDefault(x => x.Day == Weekdays.ToText(d)), after.Days.FirstOrDefault(x => x.Day == Weekdays.ToText(d))))
            .ToHashSet();
        await availability.AllEmployeesAsync(date => changed.Contains(date.DayOfWeek), cancellationToken);
        return after;
    }
}

public sealed class SetBusinessHoursValidator : AbstractValidator<SetBusinessHoursCommand>
{
    public SetBusinessHoursValidator()
    {
        RuleFor(c => c.Days).WeekRules();
        RuleForEach(c => c.Days).SetValidator(new WorkingDayValidator()).OverridePropertyName("days");
    }
}
