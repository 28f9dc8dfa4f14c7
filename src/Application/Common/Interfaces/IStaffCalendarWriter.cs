namespace AppointEase.Application.Common.Interfaces;

/// <summary>One appointment in a staff feed: only what the employee needs (no customer email or phone).</summary>
public sealed record StaffCalendarEntry(
    string Reference,
    int Sequence,
    bool Cancelled,
    DateTime ChangedUtc,
    DateTime StartUtc,
    DateTime EndUtc,
    string ServiceName,
    string CustomerName,
    string? Notes);

/// <summary>Writes an employee's subscribable calendar (iCalendar, every appointment one VEVENT with its lifelong UID).</summary>
public interface IStaffCalendarWriter
{
    string Write(string calendarName, string location, IReadOnlyList<StaffCalendarEntry> entries);
}
