using AppointEase.Application.Admin.Employees;

namespace AppointEase.WebApi.Contracts;

// Request bodies of the admin API, where their shape differs from the command (the id and If-Match come from the route
// and headers). Fields are nullable so a missing one is a 422 naming it rather than a silent default.

public sealed record CreateEmployeeRequest(string? Name, IReadOnlyList<int>? ServiceIds);

public sealed record UpdateEmployeeRequest(string? Name, bool? IsActive);

public sealed record ServicesRequest(IReadOnlyList<int>? ServiceIds);

public sealed record HoursRequest(IReadOnlyList<WorkingDayInput>? Days);

public sealed record TimeOffRequest(string? From, string? To, string? Reason);

/// <summary>Body of create and update; on update, isActive (optional) re-activates or deactivates.</summary>
public sealed record ServiceRequest(string? Name, int? DurationMinutes, decimal? Price, int? BufferBeforeMinutes, int? BufferAfterMinutes, bool? IsActive);

public sealed record SettingsRequest(string? BusinessName, string? TimeZone, int? SlotMinutes, int? MinimumNoticeMinutes, int? BookingHorizonDays,
    int? ChangeCutoffMinutes, int? SelectionTtlSeconds, int? LockTtlSeconds, int? HeartbeatIntervalMs);

/// <summary>Body of POST /admin/webhooks: events default to every booking event, active to true.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events, bool? Active);
