using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Settings are read on every heartbeat and availability call but change rarely: a few seconds of caching saves
/// a query per request. Another instance sees an admin change within <see cref="CacheFor"/>.
/// </summary>
internal sealed class SettingsProvider(IServiceScopeFactory scopes, TimeProvider clock) : ISettingsProvider
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly LastGoodSnapshot<BusinessSettingsSnapshot> _lastGood = new();
    private volatile Cached? _cached;

    public async ValueTask<BusinessSettingsSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && clock.GetUtcNow() < cached.Until) return cached.Snapshot;
        try
        {
            return await LoadAsync(cancellationToken);
        }
        catch (Exception ex) when (_lastGood.ServeInstead(ex) is { } last)
        {
            _cached = new Cached(last, clock.GetUtcNow() + LastGoodSnapshot<BusinessSettingsSnapshot>.RetryAfterFailure);
            return last;
        }
    }

    private async Task<BusinessSettingsSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.BusinessSettings.AsNoTracking().SingleAsync(cancellationToken);
        var snapshot = new BusinessSettingsSnapshot(row.BusinessName, row.TimeZoneId, row.ToPolicy(), row.ChangeCutoffMinutes,
            TimeSpan.FromSeconds(row.SelectionTtlSeconds), TimeSpan.FromSeconds(row.LockTtlSeconds), row.HeartbeatIntervalMs);
        _cached = new Cached(_lastGood.Remember(snapshot), clock.GetUtcNow() + CacheFor);
        return snapshot;
    }

    public void Invalidate() => _cached = null;

    private sealed record Cached(BusinessSettingsSnapshot Snapshot, DateTimeOffset Until);
}
