using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>Ended windows have no further use.</summary>
internal sealed class RateLimitCounterPurger(AppDbContext db) : IExpiredDataPurger
{
    private const int BatchSize = 5000;

    public string Name => "rate_limit_counters";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var ids = await db.Set<RateLimitCounterRow>().Where(r => r.ExpiresUtc < nowUtc).OrderBy(r => r.Id).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
        return ids.Count == 0 ? 0 : await db.Set<RateLimitCounterRow>().Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
