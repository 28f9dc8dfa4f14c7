using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// The one model for every provider. Each provider has a thin subclass only so its migrations live apart
/// (Migrations/Sqlite, Migrations/MySql); nothing else may differ between them.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options), IAppDbContext
{
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<BusinessHours> BusinessHours => Set<BusinessHours>();
    public DbSet<EmployeeWorkingHours> EmployeeWorkingHours => Set<EmployeeWorkingHours>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<EmployeeTimeOff> EmployeeTimeOff => Set<EmployeeTimeOff>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<BusinessSettings> BusinessSettings => Set<BusinessSettings>();

    public async Task<int> SaveAddedAsync(CancellationToken cancellationToken = default)
    {
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    public IAsyncEnumerable<ConfirmedBooking> ConfirmedBookingsAsync(int employeeId, DateTime startUtc, DateTime endUtc, int exceptAppointmentId) =>
        CompiledQueries.ConfirmedBookings(this, employeeId, startUtc, endUtc, exceptAppointmentId);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        UtcDateTimes.Apply(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class MySqlAppDbContext(DbContextOptions<MySqlAppDbContext> options) : AppDbContext(options);
