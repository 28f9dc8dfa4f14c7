using AppointEase.Infrastructure.Jobs.Storage;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Jobs;

public enum JobServerState
{
    WaitingForStorage,
    Running,
    /// <summary>Jobs:RunServer=false: recurring jobs are registered, another instance runs them.</summary>
    Disabled,
    Stopped,
}

/// <summary>
/// Starts Hangfire once its storage answers, retrying with backoff: the app starts and serves while the job storage
/// (Redis) is down, and jobs begin when it comes up. Once started, Hangfire's own processes ride out later outages.
/// </summary>
internal sealed class JobServerHost(
    JobStorageFactory storageFactory,
    RecurringJobsRegistrar recurringJobs,
    JobActivator activator,
    IJobFilterProvider filters,
    IOptions<JobsOptions> options,
    ILogger<JobServerHost> logger) : BackgroundService
{
    private BackgroundJobServer? _server;

    public JobServerState State { get; private set; } = JobServerState.WaitingForStorage;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!await StartWhenStorageAnswersAsync(stoppingToken)) return;
        await WatchStorageAsync(stoppingToken);
    }

    private async Task<bool> StartWhenStorageAnswersAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        var maxDelay = TimeSpan.FromSeconds(options.Value.StorageRetryMaxSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var storage = storageFactory.Storage;
                await JobStorageProbe.EnsureReachableAsync(storage, TimeSpan.FromSeconds(10), stoppingToken);
                recurringJobs.RegisterAll();
                if (!options.Value.RunServer)
                {
                    State = JobServerState.Disabled;
                    logger.LogInformation("Recurring jobs registered on {JobStorage}; this instance runs no job (Jobs:RunServer=false)", storageFactory.Describe());
                    return true;
                }
                StartServer(storage);
                logger.LogInformation("Job server started on {JobStorage} with {WorkerCount} workers", storageFactory.Describe(), options.Value.WorkerCount);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Job storage {JobStorage} unreachable ({Error}); jobs paused, retrying in {DelaySeconds} s",
                    storageFactory.Describe(), ex.GetBaseException().Message, delay.TotalSeconds);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { return false; }
                delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, delay.Ticks * 2));
            }
        }
        return false;
    }

    private void StartServer(JobStorage storage)
    {
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.Value.WorkerCount,
            // Webhook deliveries wait on other companies' servers: their own queue, after the app's own jobs.
            Queues = ["default", Webhooks.WebhookDeliveryJob.Queue],
            Activator = activator,
            FilterProvider = filters,
        }, storage);
        State = JobServerState.Running;
    }

    /// <summary>
    /// A job storage that comes back empty (Redis restarted without persistence) has forgotten the recurring jobs and
    /// the servers; Hangfire does not put either back by itself, so nothing would run until every instance restarted.
    /// Every Jobs:RegistrationCheckSeconds this instance re-registers missing recurring jobs and, if the storage no
    /// longer lists any server while this one runs, restarts its server so it announces itself again (decision 082).
    /// </summary>
    private async Task WatchStorageAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.RegistrationCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try
            {
                var storage = storageFactory.Storage;
                var status = await Task.Run(() => JobStorageInventory.Read(storage), stoppingToken).WaitAsync(TimeSpan.FromSeconds(10), stoppingToken);
                if (status.MissingRecurringJobs.Count > 0)
                {
                    recurringJobs.RegisterAll();
                    recurringJobs.TriggerNow(status.MissingRecurringJobs);
                    logger.LogWarning("Job storage {JobStorage} had lost {Count} recurring job(s) ({Missing}); registered them again and ran them once",
                        storageFactory.Describe(), status.MissingRecurringJobs.Count, string.Join(", ", status.MissingRecurringJobs));
                }
                if (status.ServerCount == 0 && _server is { } lost && State == JobServerState.Running)
                {
                    logger.LogWarning("Job storage {JobStorage} lists no job server; restarting this instance's server", storageFactory.Describe());
                    _server = null;
                    lost.SendStop();
                    await lost.WaitForShutdownAsync(stoppingToken);
                    lost.Dispose();
                    StartServer(storage);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Storage down: the health check and the storage's own connection log report it; try again next tick.
                logger.LogDebug("Job storage check skipped: {Error}", ex.GetBaseException().Message);
            }
        }
    }

    private readonly Lock _stopGate = new();
    private Task? _stopping;

    /// <summary>
    /// The host may stop us twice (WebApplication's run loop and its owner both do); every caller awaits the one
    /// shutdown, so the container is not disposed under a server still removing itself from the storage.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
            return _stopping ??= StopServerAsync(cancellationToken);
    }

    private async Task StopServerAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_server is not { } server) return;
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
        server.Dispose();
        _server = null;
        State = JobServerState.Stopped;
    }
}
