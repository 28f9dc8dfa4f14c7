using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;

namespace AppointEase.Application.Admin.Employees;

/// <summary>Replaces the set of services an employee offers. Existing bookings of a dropped service stay valid.</summary>
public sealed record SetEmployeeServicesCommand(int Id, int? IfMatch, IReadOnlyList<int>? ServiceIds) : ICommand<Result<AdminEmployeeDto>>, ITransactionalCommand;

public sealed class SetEmployeeServicesHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<SetEmployeeServicesCommand, Result<AdminEmployeeDto>>
{
    public async ValueTask<Result<AdminEmployeeDto>> Handle(SetEmployeeServicesCommand command, CancellationToken cancellationToken)
    {
        var employee = await EmployeeLoader.LoadAsync(db, command.Id, cancellationToken);
        if (employee is null) return EmployeeErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, employee.Version) is { } stale) return stale;
        var (services, missing) = await EmployeeLoader.ServicesAsync(db, command.ServiceIds!, cancellationToken);
        if (missing.Count > 0) return EmployeeErrors.UnknownServices(missing);

        var before = AdminEmployeeDto.From(employee);
        foreach (var dropped in employee.Services.Where(s => !services.Contains(s)).Select(s => s.Id).ToList())
            employee.StopOffering(dropped);
        foreach (var service in services) employee.Offer(service);
        employee.Touch();
        var after = AdminEmployeeDto.From(employee);
        audit.Record("employee.services", "employee", employee.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();
        await availability.EmployeeAsync(employee.Id, _ => true, cancellationToken);
        return after;
    }
}
