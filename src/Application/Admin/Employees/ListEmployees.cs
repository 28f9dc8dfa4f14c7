using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Persistence;
using AppointEase.Application.Common.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Employees;

/// <summary>All employees, active and inactive, by name, with services and hours.</summary>
public sealed record AdminListEmployeesQuery : IQuery<IReadOnlyList<AdminEmployeeDto>>;

public sealed class AdminListEmployeesHandler(IAppDbContext db) : IQueryHandler<AdminListEmployeesQuery, IReadOnlyList<AdminEmployeeDto>>
{
    public async ValueTask<IReadOnlyList<AdminEmployeeDto>> Handle(AdminListEmployeesQuery query, CancellationToken cancellationToken)
    {
        var employees = await db.Employees.WithSpecification(new EmployeesWithScheduleSpec()).ToListAsync(cancellationToken);
        return employees.Select(AdminEmployeeDto.From).ToList();
    }
}

public sealed record AdminGetEmployeeQuery(int Id) : IQuery<Result<AdminEmployeeDto>>;

public sealed class AdminGetEmployeeHandler(IAppDbContext db) : IQueryHandler<AdminGetEmployeeQuery, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(AdminGetEmployeeQuery query, CancellationToken cancellationToken)
    {
        var employee = await db.Employees.WithSpecification(new EmployeesWithScheduleSpec(query.Id))
            .FirstOrDefaultAsync(cancellationToken);
        return employee is null ? EmployeeErrors.NotFound(query.Id) : AdminEmployeeDto.From(employee);
    }
}
