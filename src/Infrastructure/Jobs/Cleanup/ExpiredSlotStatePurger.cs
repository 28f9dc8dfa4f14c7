using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.SlotState;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Jobs.Cleanup;

/// <summary>
/// Batched delete of slot_locks / slot_selections rows with ExpiresUtc &lt;= now. Ids are picked first and the DELETE
/// re-checks the expiry, so a lock renewed between the two statements survives: a live lock is never removed.
/// (MySQL cannot DELETE with LIMIT inside an IN-subquery, hence two statements per batch.)
/// </summary>
public sealed class ExpiredSlotStatePurger(AppDbContext db, IOptions<JobsOptions> options) : IExpiredDataPurger
{
    public string Name => "slot-state";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var batch = options.Value.DeleteBatchSize;
        var removed = 0;
        while (true)
        {
            var ids = await db.Set<SlotLockRow>().Where(l => l.ExpiresUtc <= nowUtc)
                .OrderBy(l => l.Id).Select(l => l.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            removed += await db.Set<SlotLockRow>().Where(l => ids.Contains(l.Id) && l.ExpiresUtc <= nowUtc).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batch) break;
        }
        while (true)
        {
            var ids = await db.Set<SlotSelectionRow>().Where(s => s.ExpiresUtc <= nowUtc)
                .OrderBy(s => s.Id).Select(s => s.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0) break;
            removed += await db.Set<SlotSelectionRow>().Where(s => ids.Contains(s.Id) && s.ExpiresUtc <= nowUtc).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batch) break;
        }
        return removed;
    }
}
