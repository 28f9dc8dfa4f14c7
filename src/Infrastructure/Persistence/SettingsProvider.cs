using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Settings are read on every heartbeat and availability call but change rarely: a few seconds of caching saves
/// a query per request. Another instance sees an admin change within <see cref="CacheFor"/>; under traffic the reload
/// happens in the background before that (<see cref="RefreshAheadCache{T}"/>).
/// </summary>
internal sealed class SettingsProvider : ISettingsProvider
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long before a value's time the first request starts its reload in the background: half its life, because
    /// under a saturated thread pool each await of the catalogue's eight queries waits behind the queued requests (26-72 ms
    /// per load at 1,000 heartbeat clients) and a database under strain takes longer (decision 146).
    /// </summary>
    public static readonly TimeSpan RefreshAhead = CacheFor / 2;

    private readonly IServiceScopeFactory _scopes;
    private readonly RefreshAheadCache<BusinessSettingsSnapshot> _cache;

    public SettingsProvider(IServiceScopeFactory scopes, TimeProvider clock)
    {
        _scopes = scopes;
        _cache = new RefreshAheadCache<BusinessSettingsSnapshot>(LoadAsync, clock, CacheFor, RefreshAhead);
    }

    public ValueTask<BusinessSettingsSnapshot> GetAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    public void Invalidate() => _cache.Invalidate();

    private async Task<BusinessSettingsSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.BusinessSettings.AsNoTracking().SingleAsync(cancellationToken);
        return new BusinessSettingsSnapshot(row.BusinessName, row.TimeZoneId, row.ToPolicy(), row.ChangeCutoffMinutes,
            TimeSpan.FromSeconds(row.SelectionTtlSeconds), TimeSpan.FromSeconds(row.LockTtlSeconds), row.HeartbeatIntervalMs);
    }
}
