using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common;
using AppointEase.Domain.Catalogue;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Closures;

public sealed record ClosureDto(int Id, string Date, string Reason)
{
    public static ClosureDto From(Closure c) => new(c.Id, Formats.ToText(c.Date), c.Reason);
}

/// <summary>Business-wide closed days, by date, optionally within from..to (inclusive).</summary>
public sealed record ListClosuresQuery(string? From, string? To) : IQuery<IReadOnlyList<ClosureDto>>;

/// <summary>Closes the whole business on one date. Bookings on it stay valid; the admin moves or cancels them explicitly.</summary>
public sealed record AddClosureCommand(string? Date, string? Reason) : ICommand<Result<ClosureDto>>, ITransactionalCommand;

public sealed record RemoveClosureCommand(int Id) : ICommand<Result<Done>>, ITransactionalCommand;

public sealed class ListClosuresHandler(IAppDbContext db) : IQueryHandler<ListClosuresQuery, IReadOnlyList<ClosureDto>>
{
    public async ValueTask<IReadOnlyList<ClosureDto>> Handle(ListClosuresQuery query, CancellationToken cancellationToken)
    {
        var closures = db.Closures.AsNoTracking();
        if (query.From is not null) { var from = Formats.ParseDate(query.From); closures = closures.Where(c => c.Date >= from); }
        if (query.To is not null) { var to = Formats.ParseDate(query.To); closures = closures.Where(c => c.Date <= to); }
        var rows = await closures.OrderBy(c => c.Date).ToListAsync(cancellationToken);
        return rows.Select(ClosureDto.From).ToList();
    }
}

public sealed class AddClosureHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability, IPersistenceErrors persistence)
    : ICommandHandler<AddClosureCommand, Result<ClosureDto>>
{
    public async ValueTask<Result<ClosureDto>> Handle(AddClosureCommand command, CancellationToken cancellationToken)
    {
        var date = Formats.ParseDate(command.Date!);
        var closure = new Closure(date, command.Reason!);
        db.Closures.Add(closure);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (persistence.Classify(ex) == DataFault.UniqueViolation)
        {
            // The unique date index: the day is already closed (or another admin closed it at the same moment).
            persistence.DiscardTrackedChanges();
            return Duplicate(date);
        }
        var created = ClosureDto.From(closure);
        audit.Record("closure.create", "closure", closure.Id, null, created);
        await availability.AllEmployeesAsync(d => d == date, cancellationToken);
        return created;
    }

    private static Error Duplicate(DateOnly date) =>
        new(ErrorKind.Conflict, "closure_exists", $"The business is already closed on {Formats.ToText(date)}.", "date");
}

public sealed class RemoveClosureHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<RemoveClosureCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(RemoveClosureCommand command, CancellationToken cancellationToken)
    {
        var closure = await db.Closures.FirstOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
        if (closure is null) return Error.NotFound("closure_not_found", $"No closure with id {command.Id}.");
        db.Closures.Remove(closure);
        audit.Record("closure.delete", "closure", closure.Id, ClosureDto.From(closure), null);
        await db.SaveChangesAsync(cancellationToken);
        await availability.AllEmployeesAsync(d => d == closure.Date, cancellationToken);
        return new Done();
    }
}
