using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Common.Harness;

/// <summary>The catalogue read fresh on every call (the real provider caches it; that cache has its own tests).</summary>
public sealed class DbScheduleSnapshots(Func<DbContext> newContext, ISettingsProvider settings, TimeProvider clock) : IScheduleSnapshotProvider
{
    public async ValueTask<ScheduleSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var from = (await settings.GetAsync(cancellationToken)).Policy.Today(clock.GetUtcNow()).AddDays(-2);
        await using var context = newContext();
        var db = (IAppDbContext)context;
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive).ToListAsync(cancellationToken);
        var employees = await db.Employees.AsNoTracking().Where(e => e.IsActive)
            .Select(e => new { e.Id, e.Name, Services = e.Services.Select(s => s.Id).ToList() }).ToListAsync(cancellationToken);
        var businessHours = await db.BusinessHours.AsNoTracking().ToListAsync(cancellationToken);
        var employeeHours = await db.EmployeeWorkingHours.AsNoTracking().ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => c.Date >= from).Select(c => c.Date).ToListAsync(cancellationToken);
        var timeOff = await db.EmployeeTimeOff.AsNoTracking().Where(t => t.To >= from).ToListAsync(cancellationToken);
        var webhookEndpoints = await context.Set<AppointEase.Domain.Webhooks.WebhookEndpoint>().AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);
        return new ScheduleSnapshot(services.ToDictionary(s => s.Id),
            employees.ToDictionary(e => e.Id, e => new ActiveEmployee(e.Id, e.Name, e.Services.ToHashSet())),
            businessHours, employeeHours.ToLookup(h => h.EmployeeId), closures.ToHashSet(), timeOff.ToLookup(t => t.EmployeeId), from,
            webhookEndpoints);
    }

    public void Invalidate() { }
}
