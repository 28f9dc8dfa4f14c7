using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Employees;

/// <summary>The feed's secret URL path (relative to the API's public base); shown once, only its hash is stored.</summary>
public sealed record CalendarFeedDto(int EmployeeId, string Token, string Path, DateTime CreatedAt);

/// <summary>Issues a new calendar feed token for an employee; an earlier token stops working at once.</summary>
public sealed record IssueCalendarFeedCommand(int Id) : ICommand<Result<CalendarFeedDto>>, ITransactionalCommand;

/// <summary>Revokes the employee's feed: its URL answers 404 from now on.</summary>
public sealed record RevokeCalendarFeedCommand(int Id) : ICommand<Result<Done>>, ITransactionalCommand;

public sealed class IssueCalendarFeedHandler(IAppDbContext db, AdminAuditLog audit, TimeProvider clock) : ICommandHandler<IssueCalendarFeedCommand, Result<CalendarFeedDto>>
{
    public async ValueTask<Result<CalendarFeedDto>> Handle(IssueCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Employees.AnyAsync(e => e.Id == command.Id, cancellationToken)) return EmployeeErrors.NotFound(command.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var live in await db.Set<StaffCalendarFeed>().Where(f => f.EmployeeId == command.Id && f.RevokedUtc == null).ToListAsync(cancellationToken))
            live.Revoke(now);
        // The same 256-bit random secret as a manage link, and for the same reason only its hash is kept.
        var (token, hash) = ManageToken.New();
        db.Set<StaffCalendarFeed>().Add(new StaffCalendarFeed(command.Id, hash, now));
        audit.Record("employee.calendar-feed.issue", "employee", command.Id, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return new CalendarFeedDto(command.Id, token, $"/api/v1/calendar/{token}.ics", now);
    }
}

public sealed class RevokeCalendarFeedHandler(IAppDbContext db, AdminAuditLog audit, TimeProvider clock) : ICommandHandler<RevokeCalendarFeedCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RevokeCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Employees.AnyAsync(e => e.Id == command.Id, cancellationToken)) return EmployeeErrors.NotFound(command.Id);
        var live = await db.Set<StaffCalendarFeed>().Where(f => f.EmployeeId == command.Id && f.RevokedUtc == null).ToListAsync(cancellationToken);
        if (live.Count == 0) return Error.NotFound("calendar_feed_not_found", $"Employee {command.Id} has no calendar feed.");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var feed in live) feed.Revoke(now);
        audit.Record("employee.calendar-feed.revoke", "employee", command.Id, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return new Done();
    }
}
