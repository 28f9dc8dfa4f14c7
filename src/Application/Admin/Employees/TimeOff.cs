using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using AppointEase.Domain.Catalogue;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Employees;

public sealed record TimeOffDto(int Id, int EmployeeId, string From, string To, string? Reason)
{
    public static TimeOffDto Of(EmployeeTimeOff t) => new(t.Id, t.EmployeeId, Formats.ToText(t.From), Formats.ToText(t.To), t.Reason);
}

/// <summary>An employee's time off, earliest first (past ones included: they are history).</summary>
public sealed record ListTimeOffQuery(int EmployeeId) : IQuery<Result<IReadOnlyList<TimeOffDto>>>;

/// <summary>Days off (inclusive). Bookings on those days stay valid: the admin moves or cancels them explicitly.</summary>
public sealed record AddTimeOffCommand(int EmployeeId, string? From, string? To, string? Reason) : ICommand<Result<TimeOffDto>>, ITransactionalCommand;

/// <summary>Removes a time-off entry (not an appointment; nothing a customer booked is deleted).</summary>
public sealed record RemoveTimeOffCommand(int EmployeeId, int TimeOffId) : ICommand<Result<Done>>, ITransactionalCommand;

public sealed class ListTimeOffHandler(IAppDbContext db) : IQueryHandler<ListTimeOffQuery, Result<IReadOnlyList<TimeOffDto>>>
{
    public async ValueTask<Result<IReadOnlyList<TimeOffDto>>> Handle(ListTimeOffQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Employees.AnyAsync(e => e.Id == query.EmployeeId, cancellationToken)) return EmployeeErrors.NotFound(query.EmployeeId);
        var rows = await db.EmployeeTimeOff.AsNoTracking().Where(t => t.EmployeeId == query.EmployeeId)
            .OrderBy(t => t.From).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        return rows.Select(TimeOffDto.Of).ToList();
    }
}

public sealed class AddTimeOffHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<AddTimeOffCommand, Result<TimeOffDto>>
{
    public async ValueTask<Result<TimeOffDto>> Handle(AddTimeOffCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Employees.AnyAsync(e => e.Id == command.EmployeeId, cancellationToken)) return EmployeeErrors.NotFound(command.EmployeeId);
        var from = Formats.ParseDate(command.From!);
        var to = Formats.ParseDate(command.To!);
        var timeOff = new EmployeeTimeOff(command.EmployeeId, from, to, command.Reason);
        db.EmployeeTimeOff.Add(timeOff);
        await db.SaveChangesAsync(cancellationToken);
        var dto = TimeOffDto.Of(timeOff);
        audit.Record("timeoff.create", "employee_time_off", timeOff.Id, null, dto);
        await availability.EmployeeAsync(command.EmployeeId, date => date >= from && date <= to, cancellationToken);
        return dto;
    }
}

public sealed class RemoveTimeOffHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<RemoveTimeOffCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RemoveTimeOffCommand command, CancellationToken cancellationToken)
    {
        var timeOff = await db.EmployeeTimeOff.FirstOrDefaultAsync(t => t.Id == command.TimeOffId && t.EmployeeId == command.EmployeeId, cancellationToken);
        if (timeOff is null) return Error.NotFound("time_off_not_found", $"No time off {command.TimeOffId} for employee {command.EmployeeId}.");
        db.EmployeeTimeOff.Remove(timeOff);
        audit.Record("timeoff.delete", "employee_time_off", timeOff.Id, TimeOffDto.Of(timeOff), null);
        await db.SaveChangesAsync(cancellationToken);
        await availability.EmployeeAsync(command.EmployeeId, date => timeOff.Covers(date), cancellationToken);
        return new Done();
    }
}
