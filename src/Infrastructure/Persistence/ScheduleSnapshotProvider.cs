using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Before this cache, every select, lock and heartbeat ran five catalogue queries to prove a start is offered; the
/// benchmarks showed those queries, not Redis, set the latency. One loader at a time refreshes it, so a thousand
/// heartbeats arriving as it expires cost one set of queries, not a thousand, and under traffic that happens in the
/// background before it expires (<see cref="RefreshAheadCache{T}"/>). Saved catalogue changes invalidate it
/// (<see cref="CatalogueChangeInterceptor"/>); another instance sees them within <see cref="CacheFor"/>.
/// </summary>
internal sealed class ScheduleSnapshotProvider : IScheduleSnapshotProvider
{
    public static readonly TimeSpan CacheFor = SettingsProvider.CacheFor;

    /// <summary>Closures and time off older than this are left out; nobody books in the past.</summary>
    private const int PastDaysKept = 2;

    private readonly IServiceScopeFactory _scopes;
    private readonly ISettingsProvider _settings;
    private readonly TimeProvider _clock;
    private readonly RefreshAheadCache<ScheduleSnapshot> _cache;

    public ScheduleSnapshotProvider(IServiceScopeFactory scopes, ISettingsProvider settings, TimeProvider clock)
    {
        (_scopes, _settings, _clock) = (scopes, settings, clock);
        _cache = new RefreshAheadCache<ScheduleSnapshot>(LoadAsync, clock, CacheFor, SettingsProvider.RefreshAhead);
    }

    public ValueTask<ScheduleSnapshot> GetAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    public void Invalidate() => _cache.Invalidate();

    private async Task<ScheduleSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var policy = (await _settings.GetAsync(cancellationToken)).Policy;
        var from = policy.Today(_clock.GetUtcNow()).AddDays(-PastDaysKept);
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var services = await db.Services.AsNoTracking().Where(s => s.IsActive).ToListAsync(cancellationToken);
        var employees = await db.Employees.AsNoTracking().Where(e => e.IsActive)
            .Select(e => new { e.Id, e.Name, Services = e.Services.Select(s => s.Id).ToList() }).ToListAsync(cancellationToken);
        var businessHours = await db.BusinessHours.AsNoTracking().ToListAsync(cancellationToken);
        var employeeHours = await db.EmployeeWorkingHours.AsNoTracking().ToListAsync(cancellationToken);
        var closures = await db.Closures.AsNoTracking().Where(c => c.Date >= from).Select(c => c.Date).ToListAsync(cancellationToken);
        var timeOff = await db.EmployeeTimeOff.AsNoTracking().Where(t => t.To >= from).ToListAsync(cancellationToken);
        var webhookEndpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);
        return new ScheduleSnapshot(
            services.ToDictionary(s => s.Id),
            employees.ToDictionary(e => e.Id, e => new ActiveEmployee(e.Id, e.Name, e.Services.ToHashSet())),
            businessHours,
            employeeHours.ToLookup(h => h.EmployeeId),
            closures.ToHashSet(),
            timeOff.ToLookup(t => t.EmployeeId),
            from,
            webhookEndpoints);
    }
}
