using AppointEase.Application.Common.Telemetry;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Email;

/// <summary>
/// Samples the outbox backlog (pending rows) and the age of its oldest row for the <c>appointease.outbox.*</c>
/// gauges. A background sample rather than a query in the gauge callback: a scrape must never wait on (or pile up
/// queries against) a slow database. One small aggregate query per interval, on the (status) rows only.
/// </summary>
internal sealed class OutboxMetricsSampler(
    IServiceScopeFactory scopes,
    AppointEaseMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxMetricsSampler> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await SampleOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down; the gauges keep the last sample and the next tick tries again.
                logger.LogDebug(ex, "Outbox metrics sample failed");
            }
        } while (await WaitAsync(timer, stoppingToken));
    }

    public async Task SampleOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = db.Set<OutboxEmail>().AsNoTracking().Where(e => e.Status == OutboxStatus.Pending);
        var backlog = await pending.LongCountAsync(cancellationToken);
        var oldest = backlog == 0 ? (DateTime?)null : await pending.MinAsync(e => (DateTime?)e.CreatedUtc, cancellationToken);
        var age = oldest is { } created ? clock.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(created, DateTimeKind.Utc) : TimeSpan.Zero;
        metrics.OutboxSampled(backlog, age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try { return await timer.WaitForNextTickAsync(stoppingToken); }
        catch (OperationCanceledException) { return false; }
    }
}
