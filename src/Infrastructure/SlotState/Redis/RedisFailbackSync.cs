using System.Diagnostics;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Copies live SQL holds into Redis with their owner, secret (so issued tokens keep working) and remaining TTL, then
/// deletes the SQL rows. On a lock conflict the earlier hold wins; the loser is logged.
/// Issue 7 wants 10,000 holds in under 1 s (measured by bench/run.sh, failback scenario). Redis writes go out pipelined
/// in chunks of 500 (a single 10,000-call batch would let its tail run into the short operation timeout), two chunks in
/// flight, and each chunk's rows are deleted as soon as Redis has answered for them: Redis works on the next chunk while
/// MariaDB deletes the previous one, instead of the two phases running one after the other.
/// </summary>
public sealed class RedisFailbackSync(
    RedisConnection connection,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<RedisFailbackSync> logger) : ISlotFailbackSync
{
    private const int PipelineChunk = 500;

    /// <summary>Two: Redis always has the next chunk while the loop waits on SQL, and at most 1,000 calls queue for the timeout.</summary>
    private const int ChunksInFlight = 2;

    private readonly RedisSlotKeys _keys = new(connection.Options.KeyPrefix);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<FailbackReport> SyncAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await SyncOnceAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<FailbackReport> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var locks = await db.Set<SlotLockRow>().AsNoTracking().Where(l => l.ExpiresUtc > now).ToListAsync(cancellationToken);
        var selections = await db.Set<SlotSelectionRow>().AsNoTracking().Where(s => s.ExpiresUtc > now).ToListAsync(cancellationToken);
        var phases = new Phases { ReadMs = Ms(started, Stopwatch.GetTimestamp()) };

        int copied = 0, conflicts = 0, deleted = 0;
        deleted += await RestoreThenDeleteAsync(locks, phases,
            l => (SlotScripts.RestoreLock, [_keys.Lock(Slot(l)), _keys.LockIndex(l.SlotDate, l.EmployeeId)],
                [l.OwnerClientId, l.Secret, UnixMs(l.CreatedUtc), Remaining(l.ExpiresUtc, now), Slot(l).TimeText]),
            (l, result) =>
            {
                var outcome = (RedisResult[])result!;
                switch ((int)outcome[0])
                {
                    case 1:
                        copied++;
                        break;
                    case 2:
                        copied++;
                        conflicts++;
                        logger.LogWarning("Failback conflict on {Slot}: SQL hold of {Winner} is earlier and replaces Redis hold {Loser}",
                            Slot(l), l.OwnerClientId, OwnerOf((string?)outcome[1]));
                        break;
                    default:
                        conflicts++;
                        logger.LogWarning("Failback conflict on {Slot}: Redis hold {Winner} is earlier; SQL hold of {Loser} dropped",
                            Slot(l), OwnerOf((string?)outcome[1]), l.OwnerClientId);
                        break;
                }
            },
            chunk =>
            {
                var ids = chunk.Select(l => l.Id).ToArray();
                return db.Set<SlotLockRow>().Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync(cancellationToken);
            });
        deleted += await RestoreThenDeleteAsync(selections, phases,
            s => (SlotScripts.RestoreSelection, [_keys.Active(s.SlotDate, s.EmployeeId)],
                [s.ClientId, new SlotKey(s.SlotDate, s.EmployeeId, s.SlotTime).TimeText, Remaining(s.ExpiresUtc, now)]),
            (_, result) => copied += (int)result == 1 ? 1 : 0,
            chunk =>
            {
                var ids = chunk.Select(s => s.Id).ToArray();
                return db.Set<SlotSelectionRow>().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            });

        // Expired rows go too: SQL holds only matter during an outage.
        var cleanup = Stopwatch.GetTimestamp();
        deleted += await db.Set<SlotLockRow>().Where(l => l.ExpiresUtc <= now).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<SlotSelectionRow>().Where(s => s.ExpiresUtc <= now).ExecuteDeleteAsync(cancellationToken);
        phases.DeleteMs += Ms(cleanup, Stopwatch.GetTimestamp());

        var report = new FailbackReport(copied, conflicts, deleted, Ms(started, Stopwatch.GetTimestamp()));
        // The phases let the benchmark say where the time goes without a profiler. They overlap on the servers: "Redis"
        // is the time this loop waited for Redis, "SQL delete" the time it waited for MariaDB.
        if (locks.Count + selections.Count > 0)
            logger.LogInformation(
                "Failback sync: {Copied} copied, {Conflicts} conflicts, {Deleted} SQL rows deleted in {ElapsedMs} ms (SQL read {ReadMs} ms, Redis {RedisMs} ms, SQL delete {DeleteMs} ms)",
                report.Copied, report.Conflicts, report.Deleted, report.ElapsedMs, phases.ReadMs, phases.RedisMs, phases.DeleteMs);
        return report;
    }

    /// <summary>
    /// Restores the rows chunk by chunk and deletes a chunk's rows only once Redis has answered for all of them (copied
    /// or lost to an earlier Redis hold, so settled either way); a failure in between leaves them in SQL for the next
    /// sync, whose restore is idempotent. Returns the rows deleted.
    /// </summary>
    private async Task<int> RestoreThenDeleteAsync<TRow>(
        List<TRow> rows,
        Phases phases,
        Func<TRow, (string Script, RedisKey[] Keys, RedisValue[] Args)> call,
        Action<TRow, RedisResult> settle,
        Func<TRow[], Task<int>> deleteRows)
    {
        var deleted = 0;
        var inFlight = new Queue<(TRow[] Rows, Task<RedisResult[]> Results)>();
        foreach (var chunk in rows.Chunk(PipelineChunk))
        {
            if (inFlight.Count == ChunksInFlight) deleted += await SettleAsync(inFlight.Dequeue());
            inFlight.Enqueue((chunk, PipelineAsync(chunk.Select(call))));
        }
        while (inFlight.Count > 0) deleted += await SettleAsync(inFlight.Dequeue());
        return deleted;

        async Task<int> SettleAsync((TRow[] Rows, Task<RedisResult[]> Results) chunk)
        {
            var waited = Stopwatch.GetTimestamp();
            var results = await chunk.Results;
            phases.RedisMs += Ms(waited, Stopwatch.GetTimestamp());
            for (var i = 0; i < chunk.Rows.Length; i++) settle(chunk.Rows[i], results[i]);
            var deleting = Stopwatch.GetTimestamp();
            var count = await deleteRows(chunk.Rows);
            phases.DeleteMs += Ms(deleting, Stopwatch.GetTimestamp());
            return count;
        }
    }

    private sealed class Phases
    {
        public long ReadMs { get; init; }
        public long RedisMs { get; set; }
        public long DeleteMs { get; set; }
    }

    /// <summary>One flush per chunk: pipelined like one batch, but each chunk answers well within the operation timeout.</summary>
    private async Task<RedisResult[]> PipelineAsync(IEnumerable<(string Script, RedisKey[] Keys, RedisValue[] Args)> calls)
    {
        var batch = connection.Database.CreateBatch();
        var pending = calls.Select(c => batch.ScriptEvaluateAsync(c.Script, c.Keys, c.Args)).ToList();
        batch.Execute();
        return await Task.WhenAll(pending);
    }

    private static long Ms(long from, long to) => (long)Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static SlotKey Slot(SlotLockRow row) => new(row.SlotDate, row.EmployeeId, row.SlotTime);

    private static long UnixMs(DateTime utc) => (long)(DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>At least 1 ms: PX 0 is an error, and a hold this close to expiry is harmless for a millisecond more.</summary>
    private static long Remaining(DateTime expiresUtc, DateTime now) => Math.Max(1, (long)(expiresUtc - now).TotalMilliseconds);

    private static string OwnerOf(string? value) => value?.Split('|')[0] ?? "(none)";
}
