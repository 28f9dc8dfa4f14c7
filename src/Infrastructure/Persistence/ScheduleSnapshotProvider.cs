using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Before this cache, every select, lock and heartbeat ran five catalogue queries to prove a start is offered; the
/// benchmarks showed those queries, not Redis, set the latency. One loader at a time refreshes it, so a thousand
/// heartbeats arriving as it expires cost one set of queries, not a thousand. Saved catalogue changes invalidate it
/// (<see cref="CatalogueChangeInterceptor"/>); another instance sees them within <see cref="CacheFor"/>.
/// </summary>
internal sealed class ScheduleSnapshotProvider(IServiceScopeFactory scopes, ISettingsProvider settings, TimeProvider clock)
    : IScheduleSnapshotProvider
{
    public static readonly TimeSpan CacheFor = SettingsProvider.CacheFor;

    /// <summary>Closures and time off older than this are left out; nobody books in the past.</summary>
    private const int PastDaysKept = 2;

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly LastGoodSnapshot<ScheduleSnapshot> _lastGood = new();
    private volatile Cached? _cached;
    private long _generation;

    public async ValueTask<ScheduleSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } hit) return hit;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached) is { } loadedMeanwhile) return loadedMeanwhile;
            var generation = Interlocked.Read(ref _generation);
            ScheduleSnapshot snapshot;
            try
            {
                snapshot = _lastGood.Remember(await LoadAsync(cancellationToken));
            }
            catch (Exception ex) when (_lastGood.ServeInstead(ex) is { } last)
            {
                _cached = new Cached(last, clock.GetUtcNow() + LastGoodSnapshot<ScheduleSnapshot>.RetryAfterFailure);
                return last;
            }
            // An invalidation while loading may have come after our reads: serve this result once, but do not keep it.
            if (generation == Interlocked.Read(ref _generation))
                _cached = new Cached(snapshot, clock.GetUtcNow() + CacheFor);
            return snapshot;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _cached = null;
    }

    private ScheduleSnapshot? Fresh(Cached? cached) => cached is not null && clock.GetUtcNow() < cached.Until ? cached.Snapshot : null;

    private async Task<ScheduleSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var from = policy.Today(clock.GetUtcNow()).AddDays(-PastDaysKept);
        await using var scope = scopes.CreateAsyncScope();
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

    private sealed record Cached(ScheduleSnapshot Snapshot, DateTimeOffset Until);
}
