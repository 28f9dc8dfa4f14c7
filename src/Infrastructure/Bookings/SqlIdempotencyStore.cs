using System.Security.Cryptography;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Bookings;

/// <summary>
/// Idempotency keys in <c>idempotency_keys</c>. Begin and abandon use their own short-lived context (committed at once,
/// visible to concurrent requests); completion uses the request's context so it commits with the booking.
/// </summary>
internal sealed class SqlIdempotencyStore(AppDbContext requestDb, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqlIdempotencyStore> logger)
    : IIdempotencyStore
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);
    /// <summary>Longer than any booking can take (1 s commands, a 1.2 s retry budget), short enough that a crashed request does not block a retry long.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public async Task<IdempotencyStart> BeginAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var owner = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var row = new IdempotencyRecord
            {
                Key = key, RequestHash = requestHash, Status = IdempotencyStatus.InFlight, Owner = owner,
                LeaseUntilUtc = now + Lease, CreatedUtc = now, ExpiresUtc = now + KeepFor,
            };
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new IdempotencyStart(IdempotencyState.Started, new IdempotencyTicket(key, owner));
            }
            catch (DbUpdateException ex) when (FaultClassifier.Sql(ex) == DataFault.UniqueViolation)
            {
                db.ChangeTracker.Clear();
            }

            // The key exists. An expired record, or an in-flight one whose owner stopped renewing, is taken over by a
            // conditional UPDATE: of several racers exactly one sees a row affected.
            var takenOver = await db.Set<IdempotencyRecord>()
                .Where(r => r.Key == key && (r.ExpiresUtc <= now || (r.Status == IdempotencyStatus.InFlight && r.LeaseUntilUtc <= now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.RequestHash, requestHash)
                    .SetProperty(r => r.Status, IdempotencyStatus.InFlight)
                    .SetProperty(r => r.Owner, owner)
                    .SetProperty(r => r.LeaseUntilUtc, now + Lease)
                    .SetProperty(r => r.ResponseStatus, (int?)null)
                    .SetProperty(r => r.ResponseBody, (string?)null)
                    .SetProperty(r => r.CreatedUtc, now)
                    .SetProperty(r => r.ExpiresUtc, now + KeepFor), cancellationToken);
            if (takenOver == 1)
                return new IdempotencyStart(IdempotencyState.Started, new IdempotencyTicket(key, owner));

            var existing = await db.Set<IdempotencyRecord>().AsNoTracking()
                .Where(r => r.Key == key)
                .Select(r => new { r.RequestHash, r.Status, r.ResponseStatus, r.ResponseBody })
                .FirstOrDefaultAsync(cancellationToken);
            if (existing is null) continue; // abandoned between our steps: try again from the top
            if (existing.RequestHash != requestHash) return new IdempotencyStart(IdempotencyState.Mismatch);
            return existing.Status == IdempotencyStatus.Completed
                ? new IdempotencyStart(IdempotencyState.Replay, null, existing.ResponseStatus, existing.ResponseBody)
                : new IdempotencyStart(IdempotencyState.InFlight);
        }
        return new IdempotencyStart(IdempotencyState.InFlight);
    }

    public async Task<bool> CompleteAsync(IdempotencyTicket ticket, int status, string body, CancellationToken cancellationToken)
    {
        var updated = await requestDb.Set<IdempotencyRecord>()
            .Where(r => r.Key == ticket.Key && r.Owner == ticket.Owner && r.Status == IdempotencyStatus.InFlight)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IdempotencyStatus.Completed)
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseBody, body), cancellationToken);
        return updated == 1;
    }

    private static readonly TimeSpan AbandonWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Releases the key so the client may retry with it at once. When the request failed because the database does not
    /// answer (<paramref name="databaseFailed"/>: a release now would wait out another timeout) or the release fails, it goes on in
    /// the background, once a second until it succeeds or the lease would have freed the key anyway — so a retry after
    /// the database is back finds the key free instead of "in flight" for the rest of the lease.
    /// </summary>
    public async Task AbandonAsync(IdempotencyTicket ticket, bool databaseFailed = false)
    {
        if (!databaseFailed && await TryReleaseAsync(ticket, AbandonWait)) return;
        _ = Task.Run(async () =>
        {
            var giveUpAt = clock.GetUtcNow() + Lease;
            while (clock.GetUtcNow() < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock);
                if (await TryReleaseAsync(ticket, TimeSpan.FromSeconds(5))) return;
            }
            logger.LogWarning("Could not release idempotency key after a failed request; its lease of {Lease} frees it", Lease);
        });
    }

    private async Task<bool> TryReleaseAsync(IdempotencyTicket ticket, TimeSpan timeout)
    {
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Set<IdempotencyRecord>()
                .Where(r => r.Key == ticket.Key && r.Owner == ticket.Owner && r.Status == IdempotencyStatus.InFlight)
                .ExecuteDeleteAsync(cancel.Token);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException || FaultClassifier.Sql(ex) is DataFault.Unavailable or DataFault.Transient or DataFault.Deadlock)
        {
            return false; // the database is down or busy: the caller decides whether to try again
        }
    }
}
