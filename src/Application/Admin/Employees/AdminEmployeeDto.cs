using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common;
using AppointEase.Domain.Catalogue;

namespace AppointEase.Application.Admin.Employees;

/// <summary>One working day: weekday name (monday…sunday), hours and breaks, HH:mm in the business time zone.</summary>
public sealed record WorkingDayDto(string Day, string Opens, string Closes, IReadOnlyList<TimeRangeDto> Breaks);

/// <summary>An employee as admins see it: state, offered services and weekly hours; <c>Version</c> is also the ETag.</summary>
public sealed record AdminEmployeeDto(int Id, string Name, bool IsActive, IReadOnlyList<int> ServiceIds, IReadOnlyList<WorkingDayDto> Hours, int Version)
{
    public static AdminEmployeeDto From(Employee e) => new(
        e.Id, e.Name, e.IsActive,
        e.Services.Select(s => s.Id).Order().ToList(),
        e.WorkingHours.OrderBy(h => Weekdays.MondayFirstIndex(h.Day)).Select(h => new WorkingDayDto(
            Weekdays.ToText(h.Day), Formats.ToText(h.Opens), Formats.ToText(h.Closes),
            h.Breaks.OrderBy(b => b.Start).Select(b => new TimeRangeDto(Formats.ToText(b.Start), Formats.ToText(b.End))).ToList())).ToList(),
        e.Version);
}
