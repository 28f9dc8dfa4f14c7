using AppointEase.Application.Appointments.ConfirmBooking;

namespace AppointEase.WebApi.Contracts;

/// <summary>Body of POST /appointments; the idempotency key comes from a header, so it is not part of the body.</summary>
/// <remarks><c>Locale</c> (en, de, es; default en) is the language of the customer's emails.</remarks>
public sealed record ConfirmBookingRequest(int ServiceId, int EmployeeId, string? Date, string? Time, string? LockToken, CustomerInput? Customer, string? Notes,
    string? Locale = null);

/// <summary>Body of PUT /appointments/{id}; the id comes from the route and the manage token from a header.</summary>
public sealed record RescheduleRequest(string? Date, string? Time, string? LockToken, string? ClientId, int? EmployeeId);
