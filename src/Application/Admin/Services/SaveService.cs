using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Catalogue;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Services;

/// <summary>The editable fields of a service, as sent by an admin; nullable so a missing one is a 422 naming it.</summary>
public interface IServiceFields
{
    string? Name { get; }
    int? DurationMinutes { get; }
    decimal? Price { get; }
    int? BufferBeforeMinutes { get; }
    int? BufferAfterMinutes { get; }
}

public sealed record CreateServiceCommand(string? Name, int? DurationMinutes, decimal? Price, int? BufferBeforeMinutes, int? BufferAfterMinutes)
    : ICommand<Result<AdminServiceDto>>, IServiceFields, ITransactionalCommand;

/// <summary>Replaces a service's fields; <c>IsActive</c> (optional) re-activates or deactivates it. Bookings are never touched.</summary>
public sealed record UpdateServiceCommand(int Id, int? IfMatch, string? Name, int? DurationMinutes, decimal? Price,
    int? BufferBeforeMinutes, int? BufferAfterMinutes, bool? IsActive) : ICommand<Result<AdminServiceDto>>, IServiceFields, ITransactionalCommand;

public sealed class CreateServiceHandler(IAppDbContext db, ISettingsProvider settings, AdminAuditLog audit)
    : ICommandHandler<CreateServiceCommand, Result<AdminServiceDto>>
{
    public async ValueTask<Result<AdminServiceDto>> Handle(CreateServiceCommand command, CancellationToken cancellationToken)
    {
        var grid = (await settings.GetAsync(cancellationToken)).Policy.SlotMinutes;
        if (command.DurationMinutes!.Value % grid != 0) return ServiceErrors.NotOnGrid(grid);

        var service = new Service(command.Name!, command.DurationMinutes.Value, command.Price!.Value,
            command.BufferBeforeMinutes ?? 0, command.BufferAfterMinutes ?? 0);
        // Two saves in the command's transaction: the audit row needs the id the database assigns.
        db.Services.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        var dto = AdminServiceDto.From(service);
        audit.Record("service.create", "service", service.Id, null, dto);
        return dto;
    }
}

public sealed class UpdateServiceHandler(IAppDbContext db, ISettingsProvider settings, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<UpdateServiceCommand, Result<AdminServiceDto>>
{
    public async ValueTask<Result<AdminServiceDto>> Handle(UpdateServiceCommand command, CancellationToken cancellationToken)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
        if (service is null) return ServiceErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, service.Version) is { } stale) return stale;
        var grid = (await settings.GetAsync(cancellationToken)).Policy.SlotMinutes;
        if (command.DurationMinutes!.Value % grid != 0) return ServiceErrors.NotOnGrid(grid);

        var before = AdminServiceDto.From(service);
        service.Update(command.Name!, command.DurationMinutes.Value, command.Price!.Value,
            command.BufferBeforeMinutes ?? 0, command.BufferAfterMinutes ?? 0);
        if (command.IsActive == true) service.Activate();
        if (command.IsActive == false) service.Deactivate();
        var after = AdminServiceDto.From(service);
        audit.Record("service.update", "service", service.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();

        // Duration and buffers change the footprint of every slot of every employee offering it.
        await availability.EmployeesOfferingAsync(service.Id, cancellationToken);
        return after;
    }
}

/// <summary>Soft delete: the service is no longer offered to customers; its existing bookings stay valid.</summary>
public sealed record DeactivateServiceCommand(int Id, int? IfMatch) : ICommand<Result<AdminServiceDto>>, ITransactionalCommand;

public sealed class DeactivateServiceHandler(IAppDbContext db, AdminAuditLog audit, AvailabilityInvalidator availability)
    : ICommandHandler<DeactivateServiceCommand, Result<AdminServiceDto>>
{
    public async ValueTask<Result<AdminServiceDto>> Handle(DeactivateServiceCommand command, CancellationToken cancellationToken)
    {
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == command.Id, cancellationToken);
        if (service is null) return ServiceErrors.NotFound(command.Id);
        if (Precondition.Check(command.IfMatch, service.Version) is { } stale) return stale;

        var before = AdminServiceDto.From(service);
        service.Deactivate();
        var after = AdminServiceDto.From(service);
        audit.Record("service.deactivate", "service", service.Id, before, after);
        if (!await SaveChanges.TrySaveAsync(db, cancellationToken)) return Precondition.Stale();
        await availability.EmployeesOfferingAsync(service.Id, cancellationToken);
        return after;
    }
}
