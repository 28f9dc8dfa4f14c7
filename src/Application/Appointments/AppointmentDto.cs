using System.Text.Json;
using System.Text.Json.Serialization;
using AppointEase.Application.Common;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.Appointments;

public sealed record CustomerDto(string Name, string Email, string? Phone);

/// <summary>One earlier position of a moved appointment, in the business time zone.</summary>
public sealed record RescheduleDto(string FromDate, string FromTime, int FromEmployeeId, string ToDate, string ToTime, DateTime AtUtc);

/// <summary>
/// An appointment on the wire: date and time in the business time zone. <see cref="ManageToken"/> appears only in the
/// response that created the appointment (and its idempotent replay); it is not stored and cannot be read again.
/// </summary>
public sealed record AppointmentDto(
    int Id,
    string Reference,
    string Status,
    int ServiceId,
    int EmployeeId,
    string Date,
    string Time,
    string EndTime,
    CustomerDto Customer,
    string? Notes,
    IReadOnlyList<RescheduleDto> History,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManageToken = null)
{
    /// <summary>The one serialisation used both for responses and for the idempotency record, so a replay is byte-identical in content.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AppointmentDto From(Appointment a, SchedulingPolicy policy, string? manageToken = null)
    {
        var start = policy.ToLocal(a.StartUtc);
        var end = policy.ToLocal(a.EndUtc);
        return new AppointmentDto(
            a.Id,
            a.Reference,
            a.Status == AppointmentStatus.Cancelled ? "cancelled" : "confirmed",
            a.ServiceId,
            a.EmployeeId,
            Formats.ToText(DateOnly.FromDateTime(start.DateTime)),
            Formats.ToText(TimeOnly.FromDateTime(start.DateTime)),
            Formats.ToText(TimeOnly.FromDateTime(end.DateTime)),
            new CustomerDto(a.CustomerName, a.CustomerEmail, a.CustomerPhone),
            a.Notes,
            a.History.Select(h =>
            {
                var from = policy.ToLocal(h.FromStartUtc);
                var to = policy.ToLocal(h.ToStartUtc);
                return new RescheduleDto(
                    Formats.ToText(DateOnly.FromDateTime(from.DateTime)), Formats.ToText(TimeOnly.FromDateTime(from.DateTime)), h.FromEmployeeId,
                    Formats.ToText(DateOnly.FromDateTime(to.DateTime)), Formats.ToText(TimeOnly.FromDateTime(to.DateTime)), h.AtUtc);
            }).ToList(),
            manageToken);
    }

    /// <summary>The local day an appointment falls on, which is how slot state and availability are keyed.</summary>
    public static DateOnly LocalDate(Appointment a, SchedulingPolicy policy) => DateOnly.FromDateTime(policy.ToLocal(a.StartUtc).DateTime);
}
