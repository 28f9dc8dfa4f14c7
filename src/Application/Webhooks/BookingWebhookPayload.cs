using System.Text.Json;
using System.Text.Json.Serialization;
using AppointEase.Application.Appointments;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;

namespace AppointEase.Application.Webhooks;

/// <summary>
/// The body of every booking webhook, in the Standard Webhooks shape <c>{type, timestamp, data}</c>. Field names are a
/// public contract (documented under <c>webhooks</c> in the OpenAPI document): add fields, never rename or remove one.
/// </summary>
public sealed record BookingWebhookPayload(string Type, DateTime Timestamp, BookingWebhookData Data)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

/// <summary>The appointment as it is after the change; date and time in the business time zone, instants in UTC.</summary>
public sealed record BookingWebhookData(
    int AppointmentId,
    string Reference,
    string Status,
    int Sequence,
    int ServiceId,
    string ServiceName,
    int EmployeeId,
    string EmployeeName,
    string Date,
    string Time,
    string EndTime,
    string TimeZone,
    DateTime StartUtc,
    DateTime EndUtc,
    string Locale,
    CustomerDto Customer)
{
    public static BookingWebhookData From(Appointment a, string serviceName, string employeeName, BusinessSettingsSnapshot business)
    {
        var dto = AppointmentDto.From(a, business.Policy);
        return new BookingWebhookData(a.Id, a.Reference, dto.Status, a.Sequence, a.ServiceId, serviceName, a.EmployeeId, employeeName,
            dto.Date, dto.Time, dto.EndTime, business.TimeZoneId, a.StartUtc, a.EndUtc, a.Locale, dto.Customer);
    }
}
