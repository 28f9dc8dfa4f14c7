using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Catalogue;
using Mediator;

namespace AppointEase.Application.Admin.Employees;

/// <summary>A new employee, optionally with the services they offer; hours are set separately (no hours = not bookable).</summary>
public sealed record CreateEmployeeCommand(string? Name, IReadOnlyList<int>? ServiceIds) : ICommand<Result<AdminEmployeeDto>>, ITransactionalCommand;

/// <summary>Renames and (optionally) activates/deactivates an employee. Their bookings are never touched.</summary>
public sealed record UpdateEmployeeCommand(int Id, int? IfMatch, string? Name, bool? IsActive) : ICommand<Result<AdminEmployeeDto>>, ITransactionalCommand;

/// <summary>Soft delete: no new bookings with this employee; existing ones stay valid.</summary>
public sealed record DeactivateEmployeeCommand(int Id, int? IfMatch) : ICommand<Result<AdminEmployeeDto>>, ITransactionalCommand;

public sealed class CreateEmployeeHandler(IAppDbContext db, AdminAuditLog audit)
    : ICommandHandler<CreateEmployeeCommand, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(CreateEmployeeCommand command, CancellationToken cancellationToken)
    {
        var (services, missing) = await EmployeeLoader.ServicesAsync(db, command.ServiceIds ?? [], cancellationToken);
        if (missing.Count > 0) return EmployeeErrors.UnknownServices(missing);

        var employee = new Employee(command.Name!);
        foreach (var service in services) employee.Offer(service);
        db.Employees.Add(employee);
        await db.SaveChangesAsync(cancellationToken);
        var dto = AdminEmployeeDto.From(employee);
        audit.Record("employee.create", "employee", employee.Id, null, dto);
        return dto;
    }
}

public sealed class UpdateEmployeeHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<UpdateEmployeeCommand, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(UpdateEmployeeCommand command, CancellationToken cancellationToken)
    {
        var employee = await EmployeeLoader.LoadAsync(db, command.Id, cancellationToken);
        if (employee is null) return EmployeeErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, employee.Version) is { } stale) return stale;

        var before = AdminEmployeeDto.From(employee);
        employee.Rename(command.Name!);
        if (command.IsActive == true) employee.Activate();
        if (command.IsActive == false) employee.Deactivate();
        employee.Touch();
        var after = AdminEmployeeDto.From(employee);
        audit.Record("employee.update", "employee", employee.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();
        if (before.IsActive != after.IsActive)
            await availability.EmployeeAsync(employee.Id, _ => true, cancellationToken);
        return after;
    }
}

public sealed class DeactivateEmployeeHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<DeactivateEmployeeCommand, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(DeactivateEmployeeCommand command, CancellationToken cancellationToken)
    {
        var employee = await EmployeeLoader.LoadAsync(db, command.Id, cancellationToken);
        if (employee is null) return EmployeeErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, employee.Version) is { } stale) return stale;

        var before = AdminEmployeeDto.From(employee);
        employee.Deactivate();
        employee.Touch();
        var after = AdminEmployeeDto.From(employee);
        audit.Record("employee.deactivate", "employee", employee.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();
        await availability.EmployeeAsync(employee.Id, _ => true, cancellationToken);
        return after;
    }
}
