namespace AppointEase.Application.Admin.Appointments;

/// <summary>
/// One appointment as admins search and export it. Instants are UTC; <c>Date</c>/<c>Start</c>/<c>End</c> repeat them as
/// wall-clock text in the business time zone, which is what staff read.
/// </summary>
public sealed record AdminAppointmentDto(
    int Id, string Reference, string Status,
    int ServiceId, string ServiceName, int EmployeeId, string EmployeeName,
    DateTime StartUtc, DateTime EndUtc, string Date, string Start, string End,
    string CustomerName, string CustomerEmail, string? CustomerPhone, string? Notes,
    DateTime CreatedUtc, DateTime? CancelledUtc);
