using System.Diagnostics;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.SlotState;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Failback;

/// <summary>
/// Every minute, the safety net behind the health monitor's failback on recovery: when this instance serves from Redis
/// and Redis answers, but SQL still holds live holds (another instance wrote them while it was on SQL, or a sync on
/// recovery failed half-way), runs the slot engine's <see cref="SyncFailbackCommand"/>. Never acts while this instance
/// serves from SQL: moving holds out of SQL under it would hide them from its own requests.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class FailbackSafetyNetJob(
    IStoreStatus status,
    AppDbContext db,
    IMediator mediator,
    TimeProvider clock,
    ILogger<FailbackSafetyNetJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 30)]
    [JobDisplayName("Failback safety net (SQL holds to Redis)")]
    public async Task<FailbackReport?> RunAsync(CancellationToken cancellationToken)
    {
        if (!status.RedisConfigured || !status.RedisAvailable || status.Mode != StorageMode.Redis) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var sqlHasLiveHolds = await db.Set<SlotLockRow>().AnyAsync(l => l.ExpiresUtc > now, cancellationToken)
                              || await db.Set<SlotSelectionRow>().AnyAsync(s => s.ExpiresUtc > now, cancellationToken);
        if (!sqlHasLiveHolds) return null;

        var started = Stopwatch.GetTimestamp();
        var report = await mediator.Send(new SyncFailbackCommand(), cancellationToken);
        logger.LogInformation(
            "Failback safety net: {Copied} holds copied to Redis, {Conflicts} conflicts, {Deleted} SQL rows deleted in {ElapsedMs} ms",
            report.Copied, report.Conflicts, report.Deleted, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return report;
    }
}
