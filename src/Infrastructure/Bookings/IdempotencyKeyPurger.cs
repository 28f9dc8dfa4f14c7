using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>Removes idempotency records past their 24 h, in batches so a large backlog never holds long locks.</summary>
internal sealed class IdempotencyKeyPurger(IServiceScopeFactory scopes) : IExpiredDataPurger
{
    private const int BatchSize = 1000;

    public string Name => "idempotency-keys";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var removed = 0;
        while (true)
        {
            var ids = await db.Set<IdempotencyRecord>().AsNoTracking()
                .Where(r => r.ExpiresUtc < nowUtc).OrderBy(r => r.Id).Take(BatchSize).Select(r => r.Id)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0) return removed;
            removed += await db.Set<IdempotencyRecord>().Where(r => ids.Contains(r.Id) && r.ExpiresUtc < nowUtc).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < BatchSize) return removed;
        }
    }
}
