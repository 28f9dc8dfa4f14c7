using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.Faults;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.RateLimiting;
using AppointEase.Infrastructure.SlotState.SqlHeartbeat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>
/// Slot state in SQL tables with expires_at, the fallback when Redis is unavailable (and the embedded default).
/// Races are settled by unique keys and conditional UPDATEs, never by a read followed by a write.
/// Each call uses its own short-lived context so slot state never joins a caller's booking transaction.
/// </summary>
public sealed class SqlSlotStateStore(IServiceScopeFactory scopes, TimeProvider clock) : ISlotStateStore
{
    private readonly SharedDayReads _dayReads = new(clock);
    private readonly SelectionRefreshes _selections = new();
    private readonly HeartbeatHits _hits = new();

    public async ValueTask<SelectOutcome> SelectAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ChangingDay(slot, client);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        var lockedByOther = await db.Set<SlotLockRow>().AnyAsync(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId
            && l.SlotTime == slot.Time && l.ExpiresUtc > now && l.OwnerClientId != client.Value, cancellationToken);
        if (lockedByOther) return SelectOutcome.LockedByOther;

        var expires = now + ttl;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var moved = await db.Set<SlotSelectionRow>()
                .Where(s => s.SlotDate == slot.Date && s.EmployeeId == slot.EmployeeId && s.ClientId == client.Value)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SlotTime, slot.Time).SetProperty(r => r.ExpiresUtc, expires), cancellationToken);
            if (moved > 0) return SelectOutcome.Selected;
            if (await TryInsertAsync(db, new SlotSelectionRow
                {
                    SlotDate = slot.Date, EmployeeId = slot.EmployeeId, SlotTime = slot.Time,
                    ClientId = client.Value, ExpiresUtc = expires, CreatedUtc = now,
                }, cancellationToken))
                return SelectOutcome.Selected;
            // Another request of the same visitor inserted first: the UPDATE wins on the next round.
        }
        return SelectOutcome.Selected;
    }

    public async ValueTask DeselectAsync(SlotKey slot, ClientId client, CancellationToken cancellationToken)
    {
        ChangingDay(slot, client);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<SlotSelectionRow>()
            .Where(s => s.SlotDate == slot.Date && s.EmployeeId == slot.EmployeeId && s.SlotTime == slot.Time && s.ClientId == client.Value)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        LockAsync(slot, client, ttl, null, cancellationToken);

    /// <summary>
    /// With a quota: take the lock (row carries the network), then count the live locks of the client and of the network,
    /// own row included, and give the lock back when either is over the cap. Counting after the write settles races
    /// without a SQL lock: of concurrent takers, the one whose row came last sees every other row that stays, so no more
    /// than the cap can stay (decision 084). In a burst every taker may count every other one and back out, leaving the
    /// network with nothing: a taker that backed out because of rows as young as its own tries again after a random
    /// pause, so the racers spread out and the first ones stay. Against settled holds the refusal is final at once.
    /// </summary>
    public async ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, HoldQuota? quota, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var outcome = await LockAsync(slot, client, ttl, quota?.Network, attempt: 0, cancellationToken);
            if (quota is null || !outcome.Acquired) return outcome;
            var refusal = await KeepWithinQuotaAsync(slot, client, quota, outcome, cancellationToken);
            if (refusal is null) return outcome;
            if (!refusal.Value.Racing || round == QuotaRetries) return refusal.Value.Outcome;
            // Real time, not the store clock: the pause only spreads the racers out (a fake clock in tests never moves on).
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 100)), cancellationToken);
        }
    }

    /// <summary>Rounds of backing out of a burst before the refusal stands (each one a pause of 10–100 ms).</summary>
    private const int QuotaRetries = 3;

    /// <summary>Rows created this close to one's own count as racing with it, not as settled holds.</summary>
    private static readonly TimeSpan RaceWindow = TimeSpan.FromSeconds(1);

    private async Task<(LockOutcome Outcome, bool Racing)?> KeepWithinQuotaAsync(SlotKey slot, ClientId client, HoldQuota quota, LockOutcome outcome,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        var token = outcome.Token!.Value;
        var live = await db.Set<SlotLockRow>().AsNoTracking()
            .Where(l => l.HolderNetwork == quota.Network && l.ExpiresUtc > now)
            .Select(l => new { l.OwnerClientId, l.ExpiresUtc, l.CreatedUtc, l.Secret })
            .ToListAsync(cancellationToken);
        var mine = live.Where(l => l.OwnerClientId == client.Value).ToList();
        var over = mine.Count > quota.PerClient ? mine : live.Count > quota.PerNetwork ? live : null;
        if (over is null) return null;

        await db.Set<SlotLockRow>()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time && l.Secret == token.Secret)
            .ExecuteDeleteAsync(cancellationToken);
        var racing = over.Any(l => l.Secret != token.Secret && l.CreatedUtc >= now - RaceWindow);
        var oldestEnds = over.Where(l => l.ExpiresUtc < outcome.ExpiresUtc).Select(l => l.ExpiresUtc).DefaultIfEmpty(outcome.ExpiresUtc).Min();
        return (LockOutcome.QuotaReached(now, oldestEnds - now), racing);
    }

    private async ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, string? network, int attempt,
        CancellationToken cancellationToken)
    {
        ChangingDay(slot, client);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var token = LockToken.New(slot);
        var now = Now();
        var expires = now + ttl;
        var row = new SlotLockRow
        {
            SlotDate = slot.Date, EmployeeId = slot.EmployeeId, SlotTime = slot.Time,
            OwnerClientId = client.Value, Secret = token.Secret, ExpiresUtc = expires, CreatedUtc = now, HolderNetwork = network,
        };
        if (await TryInsertAsync(db, row, cancellationToken))
            return new LockOutcome(token, expires, null);

        // A row exists. Take it over only if it has expired; the WHERE makes the takeover atomic, so of several
        // racers exactly one sees "1 row affected".
        var takenOver = await db.Set<SlotLockRow>()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time && l.ExpiresUtc <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.OwnerClientId, client.Value)
                .SetProperty(l => l.Secret, token.Secret)
                .SetProperty(l => l.ExpiresUtc, expires)
                .SetProperty(l => l.CreatedUtc, now)
                .SetProperty(l => l.HolderNetwork, network), cancellationToken);
        if (takenOver == 1)
            return new LockOutcome(token, expires, null);

        var holder = await ReadLockAsync(db, slot, now, cancellationToken);
        if (holder is not null) return new LockOutcome(null, holder.ExpiresUtc, holder);
        // Released or expired between our steps: try again from the top, a bounded number of times.
        if (attempt < 3) return await LockAsync(slot, client, ttl, network, attempt + 1, cancellationToken);
        throw new InvalidOperationException($"Could not settle the lock on {slot} after {attempt + 1} attempts.");
    }

    public async ValueTask<bool> ReleaseLockAsync(LockToken token, ClientId client, CancellationToken cancellationToken)
    {
        ChangingDay(token.Slot, client);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        var slot = token.Slot;
        var deleted = await db.Set<SlotLockRow>()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time
                        && l.Secret == token.Secret && l.OwnerClientId == client.Value && l.ExpiresUtc > now)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted > 0;
    }

    public async ValueTask<DateTime?> RefreshLockAsync(LockToken token, ClientId client, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        var expires = now + ttl;
        var slot = token.Slot;
        var updated = await db.Set<SlotLockRow>()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time
                        && l.Secret == token.Secret && l.OwnerClientId == client.Value && l.ExpiresUtc > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, expires), cancellationToken);
        return updated > 0 ? expires : null;
    }

    public async ValueTask ClearLockAsync(SlotKey slot, CancellationToken cancellationToken)
    {
        _dayReads.Forget(slot.Date, slot.EmployeeId);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<SlotLockRow>()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time)
            .ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask<SlotLockState?> GetLockAsync(SlotKey slot, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ReadLockAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), slot, Now(), cancellationToken);
    }

    public async ValueTask<DaySlotState> GetDayStateAsync(DateOnly date, int employeeId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = Now();
        var selections = await db.Set<SlotSelectionRow>().AsNoTracking()
            .Where(s => s.SlotDate == date && s.EmployeeId == employeeId && s.ExpiresUtc > now)
            .Select(s => new { s.SlotTime, s.ClientId, s.ExpiresUtc })
            .ToListAsync(cancellationToken);
        var locks = await db.Set<SlotLockRow>().AsNoTracking()
            .Where(l => l.SlotDate == date && l.EmployeeId == employeeId && l.ExpiresUtc > now)
            .Select(l => new { l.SlotTime, l.OwnerClientId, l.Secret, l.ExpiresUtc })
            .ToListAsync(cancellationToken);
        return new DaySlotState(
            selections.Select(s => new SlotSelectionState(s.SlotTime, s.ClientId, s.ExpiresUtc)).ToList(),
            locks.Select(l => new SlotLockState(new SlotKey(date, employeeId, l.SlotTime), l.OwnerClientId, l.Secret, l.ExpiresUtc)).ToList());
    }

    /// <summary>
    /// At most one round trip, and none for most heartbeats (decisions 065, 128 and 137). The day is read once per
    /// <see cref="SharedDayReads.ShareFor"/> per instance; a heartbeat that shares that read decides its rate limit on the
    /// count this instance knows (<see cref="HeartbeatHits"/>) and sends nothing unless its selection is due. The reading
    /// heartbeat's command writes the day's counters due (the <c>rate_limit_counters</c> rows and windows of
    /// <see cref="SqlRateLimiter"/>, decision 026; a counter is due at a twentieth of its limit, decision 158), reads back
    /// every live counter's count, writes the selection guarded by the count, and reads the day; it decides on the count
    /// read back plus this instance's hits not written yet (<see cref="HeartbeatBatch"/>).
    /// </summary>
    public async ValueTask<HeartbeatOutcome> HeartbeatAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime,
        TimeSpan selectionTtl, RateLimitRule limit, CancellationToken cancellationToken)
    {
        var now = Now();
        var hit = HeartbeatHit.Of(limit, date, employeeId, client, now);
        var count = _hits.Hit(date, employeeId, hit.Bucket, hit.WindowStart, hit.WindowEnd, limit.PermitLimit);
        var write = selectedTime is { } time ? _selections.Decide(date, employeeId, client.Value, time, selectionTtl, now) : SelectionWrite.None;
        var written = write == SelectionWrite.None ? null : selectedTime;
        // A changed selection reads the day after writing it, so this instance's next heartbeats show it at once. A
        // counter this instance has not read back yet (a new visitor, or every visitor in a new window) shares the
        // read like any other and is decided on this instance's own hits until the day's next read brings SQL's count
        // (decision 145): reading it at once sent every visitor's first heartbeat of each epoch-aligned window to
        // MariaDB in the same second.
        var shared = write == SelectionWrite.Changed ? null : _dayReads.Join(date, employeeId);
        if (shared is not null)
        {
            var decision = hit.Decide(count);
            // Refused: nothing written or read, the caller shows nothing, as in Redis mode; the hit still counts.
            if (!decision.Allowed) return HeartbeatOutcome.Refused(decision);
            if (written is not null) await SendAsync(hit, client, written, selectionTtl, readsDay: false, cancellationToken);
            Wrote(date, employeeId, client, written, selectionTtl, now);
            return HeartbeatOutcome.Served(await shared.WaitAsync(cancellationToken), decision);
        }

        var read = _dayReads.Begin(date, employeeId);
        try
        {
            var day = await SendAsync(hit, client, written, selectionTtl, readsDay: true, cancellationToken);
            // Published also when refused: other heartbeats may be waiting for this read.
            read.Publish(day!);
            // SQL's count just read back plus this instance's hits not written yet (decision 158), this one included.
            var decision = hit.Decide(_hits.CountOf(date, employeeId, hit.Bucket, hit.WindowStart));
            if (!decision.Allowed) return HeartbeatOutcome.Refused(decision);
            Wrote(date, employeeId, client, written, selectionTtl, now);
            return HeartbeatOutcome.Served(day!, decision);
        }
        catch (Exception ex)
        {
            read.Fail(ex);
            throw;
        }
    }

    /// <summary>Attempts of one heartbeat's batch when InnoDB picks it as a deadlock victim.</summary>
    private const int DeadlockAttempts = 3;

    /// <summary>
    /// One command with the day's hits not yet written; a failed one hands them back for the next. A batch chosen as a
    /// deadlock victim (concurrent selection upserts of one day take gap locks on the same index; seen as a lone 503 when
    /// a Sentinel failover sent every heartbeat to SQL at once) is sent again, up to <see cref="DeadlockAttempts"/> times:
    /// a heartbeat is a poll, and a 503 for a lost lock race is wrong. Statements of the batch that committed before the
    /// victim (the counter upsert) count their hits again, the direction a rate limit may err in.
    /// </summary>
    private async Task<DaySlotState?> SendAsync(HeartbeatHit hit, ClientId client, TimeOnly? written, TimeSpan selectionTtl, bool readsDay,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(hit, client, written, selectionTtl, readsDay, cancellationToken);
            }
            catch (Exception ex) when (attempt < DeadlockAttempts && FaultClassifier.Sql(ex) == DataFault.Deadlock)
            {
                // The victim's hits are back with the day's unwritten ones (SendOnceAsync); the next attempt takes them.
            }
        }
    }

    private async Task<DaySlotState?> SendOnceAsync(HeartbeatHit hit, ClientId client, TimeOnly? written, TimeSpan selectionTtl, bool readsDay,
        CancellationToken cancellationToken)
    {
        var hits = _hits.Take(hit.Date, hit.EmployeeId, hit.NowUtc);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (counts, day) = await HeartbeatBatch.RunAsync(db, hit, client, written, selectionTtl, hits, readsDay, cancellationToken);
            _hits.Written(hit.Date, hit.EmployeeId, hits, counts);
            return day;
        }
        catch
        {
            _hits.Failed(hit.Date, hit.EmployeeId, hits);
            throw;
        }
    }

    private void Wrote(DateOnly date, int employeeId, ClientId client, TimeOnly? written, TimeSpan ttl, DateTime now)
    {
        if (written is { } time) _selections.Wrote(date, employeeId, client.Value, time, ttl, now);
    }

    /// <summary>A booking changed the day (after its commit, from the change notifier): the next heartbeat reads it again.</summary>
    public void DayChanged(DateOnly date, int employeeId) => _dayReads.Forget(date, employeeId);

    /// <summary>This instance is about to change the day's slot state: its next heartbeats read and write afresh.</summary>
    private void ChangingDay(SlotKey slot, ClientId client)
    {
        _dayReads.Forget(slot.Date, slot.EmployeeId);
        _selections.Forget(slot.Date, slot.EmployeeId, client.Value);
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static async Task<SlotLockState?> ReadLockAsync(AppDbContext db, SlotKey slot, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Set<SlotLockRow>().AsNoTracking()
            .Where(l => l.SlotDate == slot.Date && l.EmployeeId == slot.EmployeeId && l.SlotTime == slot.Time && l.ExpiresUtc > now)
            .Select(l => new { l.OwnerClientId, l.Secret, l.ExpiresUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new SlotLockState(slot, row.OwnerClientId, row.Secret, row.ExpiresUtc);
    }

    private static async Task<bool> TryInsertAsync<T>(AppDbContext db, T row, CancellationToken cancellationToken) where T : class
    {
        db.Set<T>().Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (FaultClassifier.Sql(ex) == DataFault.UniqueViolation)
        {
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
