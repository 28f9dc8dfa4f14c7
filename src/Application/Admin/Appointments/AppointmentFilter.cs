using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Appointments;

/// <summary>The filter shared by search and CSV export; all optional, strings until validated (422 naming the field).</summary>
public interface IAppointmentFilter
{
    /// <summary>First local date (yyyy-MM-dd, business time zone), inclusive.</summary>
    string? From { get; }
    /// <summary>Last local date, inclusive.</summary>
    string? To { get; }
    int? EmployeeId { get; }
    int? ServiceId { get; }
    /// <summary>confirmed or cancelled.</summary>
    string? Status { get; }
    /// <summary>Customer email prefix, case-insensitive (emails are stored lower-case).</summary>
    string? Email { get; }
    /// <summary>asc (default) or desc, by start time then id.</summary>
    string? Sort { get; }
}

/// <summary>A joined row; a class with init properties (not a positional record) so EF can keep composing Where/OrderBy on it.</summary>
internal sealed class AppointmentRow
{
    public int Id { get; init; }
    public string Reference { get; init; } = "";
    public AppointmentStatus Status { get; init; }
    public int ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public int EmployeeId { get; init; }
    public string EmployeeName { get; init; } = "";
    public DateTime StartUtc { get; init; }
    public DateTime EndUtc { get; init; }
    public string CustomerName { get; init; } = "";
    public string CustomerEmail { get; init; } = "";
    public string? CustomerPhone { get; init; }
    public string? Notes { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? CancelledUtc { get; init; }

    public AdminAppointmentDto ToDto(SchedulingPolicy policy)
    {
        var start = policy.ToLocal(StartUtc);
        var end = policy.ToLocal(EndUtc);
        return new AdminAppointmentDto(Id, Reference, Status.ToString().ToLowerInvariant(), ServiceId, ServiceName, EmployeeId, EmployeeName,
            Utc(StartUtc), Utc(EndUtc), Formats.ToText(DateOnly.FromDateTime(start.DateTime)),
            Formats.ToText(TimeOnly.FromDateTime(start.DateTime)), Formats.ToText(TimeOnly.FromDateTime(end.DateTime)),
            CustomerName, CustomerEmail, CustomerPhone, Notes, Utc(CreatedUtc), CancelledUtc is { } c ? Utc(c) : null);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

internal static class AppointmentFilterQuery
{
    public const int MaxEmailPrefixLength = 254;

    public static bool Descending(IAppointmentFilter filter) => string.Equals(filter.Sort, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>Filtered rows with service and employee names, not yet ordered; dates become UTC bounds of local days.</summary>
    public static IQueryable<AppointmentRow> Build(IAppDbContext db, IAppointmentFilter filter, SchedulingPolicy policy)
    {
        var appointments = db.Appointments.AsNoTracking();
        if (filter.From is not null)
        {
            var fromUtc = policy.MinuteToUtc(Formats.ParseDate(filter.From), 0);
            appointments = appointments.Where(a => a.StartUtc >= fromUtc);
        }
        if (filter.To is not null)
        {
            var toUtc = policy.MinuteToUtc(Formats.ParseDate(filter.To), 24 * 60);
            appointments = appointments.Where(a => a.StartUtc < toUtc);
        }
        if (filter.EmployeeId is { } employeeId) appointments = appointments.Where(a => a.EmployeeId == employeeId);
        if (filter.ServiceId is { } serviceId) appointments = appointments.Where(a => a.ServiceId == serviceId);
        if (filter.Status is not null)
        {
            var status = Enum.Parse<AppointmentStatus>(filter.Status, ignoreCase: true);
            appointments = appointments.Where(a => a.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Email))
        {
            var prefix = filter.Email.Trim().ToLowerInvariant();
            appointments = appointments.Where(a => a.CustomerEmail.StartsWith(prefix));
        }
        return from a in appointments
               join s in db.Services.AsNoTracking() on a.ServiceId equals s.Id
               join e in db.Employees.AsNoTracking() on a.EmployeeId equals e.Id
               select new AppointmentRow
               {
                   Id = a.Id, Reference = a.Reference, Status = a.Status, ServiceId = a.ServiceId, ServiceName = s.Name,
                   EmployeeId = a.EmployeeId, EmployeeName = e.Name, StartUtc = a.StartUtc, EndUtc = a.EndUtc,
                   CustomerName = a.CustomerName, CustomerEmail = a.CustomerEmail, CustomerPhone = a.CustomerPhone, Notes = a.Notes,
                   CreatedUtc = a.CreatedUtc, CancelledUtc = a.CancelledUtc,
               };
    }

    public static IQueryable<AppointmentRow> Ordered(IQueryable<AppointmentRow> rows, bool descending) => descending
        ? rows.OrderByDescending(r => r.StartUtc).ThenByDescending(r => r.Id)
        : rows.OrderBy(r => r.StartUtc).ThenBy(r => r.Id);
}

public abstract class AppointmentFilterValidator<T> : AbstractValidator<T> where T : IAppointmentFilter
{
    protected AppointmentFilterValidator()
    {
        RuleFor(q => q.From).Must(Formats.IsDate).When(q => q.From is not null).WithMessage("From must be a date yyyy-MM-dd.").OverridePropertyName("from");
        RuleFor(q => q.To).Cascade(CascadeMode.Stop).Must(Formats.IsDate).WithMessage("To must be a date yyyy-MM-dd.")
            .Must((q, to) => !Formats.IsDate(q.From) || Formats.ParseDate(to!) >= Formats.ParseDate(q.From!)).WithMessage("To must be on or after from.")
            .When(q => q.To is not null).OverridePropertyName("to");
        RuleFor(q => q.EmployeeId).GreaterThan(0).OverridePropertyName("employeeId");
        RuleFor(q => q.ServiceId).GreaterThan(0).OverridePropertyName("serviceId");
        RuleFor(q => q.Status).Must(s => s is null || string.Equals(s, "confirmed", StringComparison.OrdinalIgnoreCase)
                                         || string.Equals(s, "cancelled", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Status must be confirmed or cancelled.").OverridePropertyName("status");
        RuleFor(q => q.Email).MaximumLength(AppointmentFilterQuery.MaxEmailPrefixLength).OverridePropertyName("email");
        RuleFor(q => q.Sort).Must(s => s is null || s.Equals("asc", StringComparison.OrdinalIgnoreCase) || s.Equals("desc", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Sort must be asc or desc.").OverridePropertyName("sort");
    }
}
