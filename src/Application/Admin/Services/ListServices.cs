using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Services;

/// <summary>All services, active and inactive, by name.</summary>
public sealed record AdminListServicesQuery : IQuery<IReadOnlyList<AdminServiceDto>>;

public sealed class AdminListServicesHandler(IAppDbContext db) : IQueryHandler<AdminListServicesQuery, IReadOnlyList<AdminServiceDto>>
{
    public async ValueTask<IReadOnlyList<AdminServiceDto>> Handle(AdminListServicesQuery query, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking().OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new AdminServiceDto(s.Id, s.Name, s.DurationMinutes, s.Price, s.BufferBeforeMinutes, s.BufferAfterMinutes, s.IsActive, s.Version))
            .ToListAsync(cancellationToken);
}

public sealed record AdminGetServiceQuery(int Id) : IQuery<Result<AdminServiceDto>>;

public sealed class AdminGetServiceHandler(IAppDbContext db) : IQueryHandler<AdminGetServiceQuery, Result<AdminServiceDto>>
{
    public async ValueTask<Result<AdminServiceDto>> Handle(AdminGetServiceQuery query, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == query.Id, cancellationToken);
        return service is null ? ServiceErrors.NotFound(query.Id) : AdminServiceDto.From(service);
    }
}
