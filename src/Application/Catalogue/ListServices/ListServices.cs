using AppointEase.Application.Common.Interfaces;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Catalogue.ListServices;

public sealed record ServiceDto(int Id, string Name, int DurationMinutes, decimal Price);

/// <summary>The active services customers can choose from, by name.</summary>
public sealed record ListServicesQuery : IQuery<IReadOnlyList<ServiceDto>>;

public sealed class ListServicesHandler(IAppDbContext db) : IQueryHandler<ListServicesQuery, IReadOnlyList<ServiceDto>>
{
    public async ValueTask<IReadOnlyList<ServiceDto>> Handle(ListServicesQuery query, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking()
            .Where(s => s.IsActive)
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new ServiceDto(s.Id, s.Name, s.DurationMinutes, s.Price))
            .ToListAsync(cancellationToken);
}
