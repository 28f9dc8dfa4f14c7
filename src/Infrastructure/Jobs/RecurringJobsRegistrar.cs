using AppointEase.Infrastructure.Jobs.Cleanup;
using AppointEase.Infrastructure.Jobs.Failback;
using AppointEase.Infrastructure.Jobs.Outbox;
using AppointEase.Infrastructure.Jobs.Purges;
using AppointEase.Infrastructure.Jobs.Reminders;
using AppointEase.Infrastructure.Webhooks;
using Hangfire;

namespace AppointEase.Infrastructure.Jobs;

/// <summary>
/// Recurring jobs by fixed id: AddOrUpdate is idempotent, so every instance registers them at every start and the
/// shared storage still holds one schedule per id (each occurrence is enqueued once for all instances).
/// </summary>
internal sealed class RecurringJobsRegistrar(IRecurringJobManager manager)
{
    public const string SlotCleanup = "slot-state-cleanup";
    public const string EmailOutbox = "email-outbox";
    public const string Reminders = "appointment-reminders";
    public const string Purges = "expired-data-purge";
    public const string FailbackSafetyNet = "slot-failback-safety-net";
    public const string DayIndexPrune = "redis-day-index-prune";
    public const string Webhooks = "webhook-deliveries";

    public static readonly IReadOnlyList<string> Ids = [SlotCleanup, EmailOutbox, Reminders, Purges, FailbackSafetyNet, DayIndexPrune, Webhooks];

    private static readonly RecurringJobOptions Utc = new() { TimeZone = TimeZoneInfo.Utc };

    /// <summary>Runs the given recurring jobs once now: after the storage lost them, their missed runs catch up at once.</summary>
    public void TriggerNow(IEnumerable<string> ids)
    {
        foreach (var id in ids) manager.Trigger(id);
    }

    public void RegisterAll()
    {
        manager.AddOrUpdate<ExpiredSlotStateCleanupJob>(SlotCleanup, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<EmailOutboxJob>(EmailOutbox, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<ReminderJob>(Reminders, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<FailbackSafetyNetJob>(FailbackSafetyNet, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<RedisDayIndexPruneJob>(DayIndexPrune, job => job.RunAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<WebhookDeliveryJob>(Webhooks, WebhookDeliveryJob.Queue, job => job.RunDueAsync(CancellationToken.None), Cron.Minutely(), Utc);
        manager.AddOrUpdate<ExpiredDataPurgeJob>(Purges, job => job.RunAsync(CancellationToken.None), "*/15 * * * *", Utc);
    }
}
