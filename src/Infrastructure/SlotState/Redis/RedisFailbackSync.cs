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
/// deletes the SQL rows. Redis writes go out pipelined in chunks of 500 (a single 10,000-call batch would let its tail
/// run into the short operation timeout) and the rows are deleted in bulk, so ten thousand holds take 20 network flushes
/// and a few DELETE statements. On a lock conflict the earlier hold wins; the loser is logged.
/// </summary>
public sealed class RedisFailbackSync(
    RedisConnection connection,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<RedisFailbackSync> logger) : ISlotFailbackSync
{
    private const int DeleteChunk = 1000;
    private const int PipelineChunk = 500;
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

        var lockResults = new List<RedisResult>(locks.Count);
        foreach (var chunk in locks.Chunk(PipelineChunk))
            lockResults.AddRange(await PipelineAsync(chunk.Select(l => (SlotScripts.RestoreLock,
                new[] { _keys.Lock(Slot(l)), _keys.LockIndex(l.SlotDate, l.EmployeeId) },
                new RedisValue[] { l.OwnerClientId, l.Secret, UnixMs(l.CreatedUtc), Remaining(l.ExpiresUtc, now), Slot(l).TimeText }))));
        var selectionResults = new List<RedisResult>(selections.Count);
        foreach (var chunk in selections.Chunk(PipelineChunk))
            selectionResults.AddRange(await PipelineAsync(chunk.Select(s => (SlotScripts.RestoreSelection,
                new[] { _keys.Active(s.SlotDate, s.EmployeeId) },
                new RedisValue[] { s.ClientId, new SlotKey(s.SlotDate, s.EmployeeId, s.SlotTime).TimeText, Remaining(s.ExpiresUtc, now) }))));

        int copied = 0, conflicts = 0;
        for (var i = 0; i < locks.Count; i++)
        {
            var result = (RedisResult[])lockResults[i]!;
            switch ((int)result[0])
            {
                case 1:
                    copied++;
                    break;
                case 2:
                    copied++;
                    conflicts++;
                    logger.LogWarning("Failback conflict on {Slot}: SQL hold of {Winner} is earlier and replaces Redis hold {Loser}",
                        Slot(locks[i]), locks[i].OwnerClientId, OwnerOf((string?)result[1]));
                    break;
                default:
                    conflicts++;
                    logger.LogWarning("Failback conflict on {Slot}: Redis hold {Winner} is earlier; SQL hold of {Loser} dropped",
                        Slot(locks[i]), OwnerOf((string?)result[1]), locks[i].OwnerClientId);
                    break;
            }
        }
        copied += selectionResults.Count(r => (int)r == 1);

        // Every row read was settled above (copied or lost); expired rows go too, SQL holds only matter during an outage.
        var deleted = 0;
        foreach (var chunk in locks.Select(l => l.Id).Chunk(DeleteChunk))
            deleted += await db.Set<SlotLockRow>().Where(l => chunk.Contains(l.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var chunk in selections.Select(s => s.Id).Chunk(DeleteChunk))
            deleted += await db.Set<SlotSelectionRow>().Where(s => chunk.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<SlotLockRow>().Where(l => l.ExpiresUtc <= now).ExecuteDeleteAsync(cancellationToken);
        deleted += await db.Set<SlotSelectionRow>().Where(s => s.ExpiresUtc <= now).ExecuteDeleteAsync(cancellationToken);

        var report = new FailbackReport(copied, conflicts, deleted, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (locks.Count + selections.Count > 0)
            logger.LogInformation("Failback sync: {Copied} copied, {Conflicts} conflicts, {Deleted} SQL rows deleted in {ElapsedMs} ms",
                report.Copied, report.Conflicts, report.Deleted, report.ElapsedMs);
        return report;
    }

    /// <summary>One flush per chunk: pipelined like one batch, but each chunk answers well within the operation timeout.</summary>
    private async Task<RedisResult[]> PipelineAsync(IEnumerable<(string Script, RedisKey[] Keys, RedisValue[] Args)> calls)
    {
        var batch = connection.Database.CreateBatch();
        var pending = calls.Select(c => batch.ScriptEvaluateAsync(c.Script, c.Keys, c.Args)).ToList();
        batch.Execute();
        return await Task.WhenAll(pending);
    }

    private static SlotKey Slot(SlotLockRow row) => new(row.SlotDate, row.EmployeeId, row.SlotTime);

    private static long UnixMs(DateTime utc) => (long)(DateTime.SpecifyKind(utc, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>At least 1 ms: PX 0 is an error, and a hold this close to expiry is harmless for a millisecond more.</summary>
    private static long Remaining(DateTime expiresUtc, DateTime now) => Math.Max(1, (long)(expiresUtc - now).TotalMilliseconds);

    private static string OwnerOf(string? value) => value?.Split('|')[0] ?? "(none)";
}
