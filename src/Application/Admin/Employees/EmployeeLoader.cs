using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Employees;

internal static class EmployeeLoader
{
    /// <summary>The employee with everything its admin view shows (services, hours with breaks), tracked for changes.</summary>
    public static Task<Employee?> LoadAsync(IAppDbContext db, int id, CancellationToken cancellationToken) =>
        db.Employees.Include(e => e.Services).Include(e => e.WorkingHours).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>Services by id; the caller reports the ids it did not find.</summary>
    public static async Task<(List<Service> Found, List<int> Missing)> ServicesAsync(IAppDbContext db, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        var found = await db.Services.Where(s => distinct.Contains(s.Id)).ToListAsync(cancellationToken);
        return (found, distinct.Except(found.Select(s => s.Id)).ToList());
    }
}
