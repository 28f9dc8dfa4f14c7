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

    /// <summary>
    /// Saves a unit of work that has only <em>added</em> entities since its last save, without EF Core's change detection
    /// (a snapshot comparison of every tracked entity, run once by the save and once more by the catalogue interceptor's
    /// look at the entries). A property changed on an already tracked entity is not saved by this call (decision 144).
    /// </summary>
    Task<int> SaveAddedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One employee's confirmed appointments overlapping [<paramref name="startUtc"/>, <paramref name="endUtc"/>), with
    /// their service's buffers, except <paramref name="exceptAppointmentId"/> (0: none). Every confirm and reschedule
    /// reads them: a compiled query skips rebuilding and re-parameterising the LINQ expression each time (decision 144).
    /// </summary>
    IAsyncEnumerable<ConfirmedBooking> ConfirmedBookingsAsync(int employeeId, DateTime startUtc, DateTime endUtc, int exceptAppointmentId);
}
