using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Catalogue.GetBusinessHours;

public sealed record BreakDto(string Start, string End);

public sealed record BusinessDayDto(string Day, bool Open, string? Opens, string? Closes, IReadOnlyList<BreakDto> Breaks);

public sealed record BusinessHoursDto(string BusinessName, string TimeZone, int SlotMinutes, IReadOnlyList<BusinessDayDto> Days);

/// <summary>The weekly opening hours, Monday first, in the business time zone.</summary>
public sealed record GetBusinessHoursQuery : IQuery<BusinessHoursDto>;

public sealed class GetBusinessHoursHandler(IAppDbContext db, ISettingsProvider settings) : IQueryHandler<GetBusinessHoursQuery, BusinessHoursDto>
{
    private static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async ValueTask<BusinessHoursDto> Handle(GetBusinessHoursQuery query, CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var hours = await db.BusinessHours.AsNoTracking().ToListAsync(cancellationToken);
        var days = MondayFirst.Select(day =>
        {
            var row = hours.FirstOrDefault(h => h.Day == day);
            return row is null
                ? new BusinessDayDto(day.ToString().ToLowerInvariant(), false, null, null, [])
                : new BusinessDayDto(day.ToString().ToLowerInvariant(), true, Formats.ToText(row.Opens), Formats.ToText(row.Closes),
                    row.Breaks.OrderBy(b => b.Start).Select(b => new BreakDto(Formats.ToText(b.Start), Formats.ToText(b.End))).ToList());
        }).ToList();
        return new BusinessHoursDto(current.BusinessName, current.TimeZoneId, current.Policy.SlotMinutes, days);
    }
}
