using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Catalogue.ListEmployees;

public sealed record EmployeeDto(int Id, string Name, IReadOnlyList<int> ServiceIds);

/// <summary>Active employees, optionally only those who offer one service.</summary>
public sealed record ListEmployeesQuery(int? ServiceId) : IQuery<Result<IReadOnlyList<EmployeeDto>>>;

public sealed class ListEmployeesHandler(IAppDbContext db) : IQueryHandler<ListEmployeesQuery, Result<IReadOnlyList<EmployeeDto>>>
{
    public async ValueTask<Result<IReadOnlyList<EmployeeDto>>> Handle(ListEmployeesQuery query, CancellationToken cancellationToken)
    {
        if (query.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId && s.IsActive, cancellationToken))
            return new Error(ErrorKind.NotFound, "service_not_found", $"No active service with id {serviceId}.", "serviceId");

        var employees = db.Employees.AsNoTracking().Where(e => e.IsActive);
        if (query.ServiceId is { } id)
            employees = employees.Where(e => e.Services.Any(s => s.Id == id));

        var rows = await employees
            .OrderBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, ServiceIds = e.Services.Where(s => s.IsActive).Select(s => s.Id).ToList() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EmployeeDto(r.Id, r.Name, r.ServiceIds.Order().ToList())).ToList();
    }
}
