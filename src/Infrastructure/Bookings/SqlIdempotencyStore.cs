using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// Idempotency keys in <c>idempotency_keys</c> (decision 127). A booking's answer is added to the request's context and
/// goes out in the booking's one write batch; the look-up after a refusal uses a short-lived context of its own, so it
/// reads what other requests committed, not this transaction's snapshot.
/// </summary>
internal sealed class SqlIdempotencyStore(AppDbContext requestDb, IServiceScopeFactory scopes, TimeProvider clock) : IIdempotencyStore
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    public async Task<IdempotencyStart> FindAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.Key == key)
            .Select(r => new { r.RequestHash, r.Status, r.ResponseStatus, r.ResponseBody, r.ExpiresUtc, r.LeaseUntilUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null) return new IdempotencyStart(IdempotencyState.Absent);

        // Past its 24 h (not purged yet), or an in-flight row of an earlier version whose owner died: it no longer holds
        // the key. Free it; this request was refused on it, so the client retries and then finds the key free.
        if (existing.ExpiresUtc <= now || (existing.Status == IdempotencyStatus.InFlight && existing.LeaseUntilUtc <= now))
        {
            await db.Set<IdempotencyRecord>()
                .Where(r => r.Key == key && (r.ExpiresUtc <= now || (r.Status == IdempotencyStatus.InFlight && r.LeaseUntilUtc <= now)))
                .ExecuteDeleteAsync(cancellationToken);
            return new IdempotencyStart(IdempotencyState.InFlight);
        }
        if (existing.RequestHash != requestHash) return new IdempotencyStart(IdempotencyState.Mismatch);
        return existing.Status == IdempotencyStatus.Completed
            ? new IdempotencyStart(IdempotencyState.Replay, existing.ResponseStatus, existing.ResponseBody)
            : new IdempotencyStart(IdempotencyState.InFlight);
    }

    public void Record(string key, string requestHash, int status, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        requestDb.Add(new IdempotencyRecord
        {
            Key = key, RequestHash = requestHash, Status = IdempotencyStatus.Completed, Owner = "", LeaseUntilUtc = now,
            ResponseStatus = status, ResponseBody = body, CreatedUtc = now, ExpiresUtc = now + KeepFor,
        });
    }
}
