using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.SlotState;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// Counters in <c>rate_limit_counters</c>: an atomic UPDATE count = count + 1, and on a miss an INSERT whose unique key
/// settles two first hits racing (the loser retries the UPDATE). Reading the count back after the increment can see a
/// concurrent hit too, which errs on the strict side. Its own scope per call: a counter never joins (or rolls back
/// with) a caller's transaction.
/// </summary>
public sealed class SqlRateLimiter(IServiceScopeFactory scopes, TimeProvider clock) : IRateLimiter
{
    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = RateLimitBuckets.WindowAt(now, rule.Window);
        var bucket = RateLimitBuckets.Of(rule, subject);
        var counters = db.Set<RateLimitCounterRow>();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var incremented = await counters.Where(r => r.Bucket == bucket && r.WindowStartUtc == start)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Count, r => r.Count + 1), cancellationToken);
            if (incremented > 0)
            {
                var count = await counters.AsNoTracking().Where(r => r.Bucket == bucket && r.WindowStartUtc == start)
                    .Select(r => r.Count).FirstAsync(cancellationToken);
                return RateLimitBuckets.Decide(rule, count, now, end);
            }
            counters.Add(new RateLimitCounterRow { Bucket = bucket, WindowStartUtc = start, Count = 1, ExpiresUtc = end });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return RateLimitBuckets.Decide(rule, 1, now, end);
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
        throw new InvalidOperationException($"Rate-limit counter {bucket} could not be incremented after 3 attempts.");
    }
}
