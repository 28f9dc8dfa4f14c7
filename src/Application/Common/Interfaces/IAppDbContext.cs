using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Common.Interfaces;

/// <summary>The persistence port handlers write through; reads use AsNoTracking projections.</summary>
public interface IAppDbContext
{
    DbSet<Service> Services { get; }
    DbSet<Employee> Employees { get; }
    DbSet<BusinessHours> BusinessHours { get; }
    DbSet<EmployeeWorkingHours> EmployeeWorkingHours { get; }
    DbSet<Closure> Closures { get; }
    DbSet<EmployeeTimeOff> EmployeeTimeOff { get; }
    DbSet<Appointment> Appointments { get; }
    DbSet<BusinessSettings> BusinessSettings { get; }

    /// <summary>Other entity sets added by later features without widening this interface each time.</summary>
    DbSet<TEntity> Set<TEntity>() where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
