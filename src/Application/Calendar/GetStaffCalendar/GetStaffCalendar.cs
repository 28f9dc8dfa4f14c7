using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Calendar.GetStaffCalendar;

/// <summary>An employee's feed by its secret token: appointments from <see cref="PastDays"/> ago on, cancelled ones included.</summary>
public sealed record GetStaffCalendarQuery(string? Token) : IQuery<Result<string>>;

public sealed class GetStaffCalendarHandler(IAppDbContext db, ISettingsProvider settings, IStaffCalendarWriter writer, TimeProvider clock)
    : IQueryHandler<GetStaffCalendarQuery, Result<string>>
{
    /// <summary>Recent history stays visible (a calendar client drops events missing from the feed).</summary>
    public const int PastDays = 30;

    private static readonly Error NotFound = Error.NotFound("calendar_feed_not_found", "No calendar feed with this token.");

    public async ValueTask<Result<string>> Handle(GetStaffCalendarQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 100) return NotFound;
        var hash = ManageToken.HashOf(query.Token);
        // The unique hash index finds the row; equality on a SHA-256 of a 256-bit secret leaks nothing useful by timing.
        var feed = await db.Set<StaffCalendarFeed>().AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedUtc == null, cancellationToken);
        if (feed is null) return NotFound;
        var employee = await db.Employees.AsNoTracking().Where(e => e.Id == feed.EmployeeId).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        if (employee is null) return NotFound;

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-PastDays);
        var rows = await (
            from a in db.Appointments.AsNoTracking()
            where a.EmployeeId == feed.EmployeeId && a.EndUtc >= since
            join s in db.Services on a.ServiceId equals s.Id
            orderby a.StartUtc, a.Id
            select new { Appointment = a, Service = s.Name }).ToListAsync(cancellationToken);
        var business = await settings.GetAsync(cancellationToken);
        var entries = rows.Select(r => new StaffCalendarEntry(r.Appointment.Reference, r.Appointment.Sequence, r.Appointment.IsCancelled,
            ChangedUtc(r.Appointment), r.Appointment.StartUtc, r.Appointment.EndUtc, r.Service, r.Appointment.CustomerName, r.Appointment.Notes)).ToList();
        return writer.Write($"{employee} · {business.BusinessName}", business.BusinessName, entries);
    }

    /// <summary>DTSTAMP from the last change, not the request time: the same data gives the same bytes (and ETag).</summary>
    private static DateTime ChangedUtc(Appointment a) =>
        new[] { a.CreatedUtc, a.CancelledUtc ?? DateTime.MinValue }.Concat(a.History.Select(h => h.AtUtc)).Max();
}
