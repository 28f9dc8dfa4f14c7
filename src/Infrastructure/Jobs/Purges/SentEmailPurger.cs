using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Jobs.Purges;

/// <summary>Sent outbox rows older than Jobs:SentEmailRetentionDays. Dead letters stay until someone looks at them.</summary>
internal sealed class SentEmailPurger(AppDbContext db, IOptions<JobsOptions> options) : IExpiredDataPurger
{
    public string Name => "sent-email";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = nowUtc.AddDays(-options.Value.SentEmailRetentionDays);
        var removed = 0;
        while (true)
        {
            var ids = await db.Set<OutboxEmail>().Where(e => e.Status == OutboxStatus.Sent && e.SentUtc < before)
                .OrderBy(e => e.Id).Select(e => e.Id).Take(options.Value.DeleteBatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0) return removed;
            removed += await db.Set<OutboxEmail>().Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < options.Value.DeleteBatchSize) return removed;
        }
    }
}
