using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.RateLimiting;

/// <summary>
/// Counters in <c>rate_limit_counters</c>, one command per hit: the insert-or-increment and its read-back
/// (<see cref="SqlCountHit"/>, the same statements the SQL-mode heartbeat runs). Its own scope per call: a counter never
/// joins (or rolls back with) a caller's transaction.
/// </summary>
public sealed class SqlRateLimiter(IServiceScopeFactory scopes, TimeProvider clock) : IRateLimiter
{
    public async ValueTask<RateLimitDecision> HitAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var (start, end) = RateLimitBuckets.WindowAt(now, rule.Window);

        await using var result = await new HandWrittenCommand(db, SqlCountHit.For(db.Database))
            .BindCounter(RateLimitBuckets.Of(rule, subject), start, end)
            .ExecuteReaderAsync(cancellationToken);
        var reader = result.DbDataReader;
        // The upsert returns no result set, so the first one is the read-back.
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException("The rate-limit counter was not found after its upsert.");
        return RateLimitBuckets.Decide(rule, reader.GetInt64(0), now, end);
    }
}
