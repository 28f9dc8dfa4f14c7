using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Infrastructure.Faults;
using AppointEase.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppointEase.Infrastructure.Jobs.Reminders;

/// <summary>
/// Every minute: queues one reminder email for each confirmed appointment starting within Jobs:ReminderLeadHours.
/// Exactly once across instances and restarts: the reminder row (unique key) and the outbox row are written in one
/// SaveChanges, so either both exist or neither; a second instance gets a unique-key violation and skips.
/// Appointments booked inside the lead window get no reminder: their confirmation has just gone out.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class ReminderJob(
    IServiceScopeFactory scopes,
    ISettingsProvider settings,
    IEmailDispatcher dispatcher,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<ReminderJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Queue appointment reminders")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var lead = TimeSpan.FromHours(options.Value.ReminderLeadHours);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lead;
        List<DueReminder> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            due = await (
                from a in db.Appointments.AsNoTracking()
                where a.Status == AppointmentStatus.Confirmed && a.StartUtc > now && a.StartUtc <= until
                      && !db.Set<AppointmentReminder>().Any(r => r.AppointmentId == a.Id && r.Kind == AppointmentReminder.DayBefore && r.AppointmentStartUtc == a.StartUtc)
                join s in db.Services on a.ServiceId equals s.Id
                join e in db.Employees on a.EmployeeId equals e.Id
                orderby a.StartUtc
                select new DueReminder(a.Id, a.Reference, a.StartUtc, a.CreatedUtc, a.CustomerName, a.CustomerEmail, s.Name, e.Name))
                .Take(500).ToListAsync(cancellationToken);
        }

        var business = await settings.GetAsync(cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(business.TimeZoneId);
        var queued = 0;
        foreach (var reminder in due.Where(r => r.CreatedUtc < r.StartUtc - lead))
        {
            if (await TryQueueAsync(reminder, ReminderEmail.Build(reminder, business.BusinessName, zone), now, cancellationToken))
                queued++;
        }
        if (queued > 0)
        {
            dispatcher.Nudge();
            logger.LogInformation("Queued {Count} appointment reminders", queued);
        }
        return queued;
    }

    private async Task<bool> TryQueueAsync(DueReminder reminder, OutgoingEmail email, DateTime now, CancellationToken cancellationToken)
    {
        // A scope per appointment: a unique-key violation poisons the context it happened in.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Set<AppointmentReminder>().Add(new AppointmentReminder
        {
            AppointmentId = reminder.AppointmentId,
            Kind = AppointmentReminder.DayBefore,
            AppointmentStartUtc = reminder.StartUtc,
            QueuedUtc = now,
        });
        scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(email);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (FaultClassifier.Sql(ex) == DataFault.UniqueViolation)
        {
            logger.LogDebug("Reminder for appointment {AppointmentId} already queued by another instance", reminder.AppointmentId);
            return false;
        }
        catch (DbUpdateException ex)
        {
            // E.g. a deadlock between instances: nothing was written, the next run tries again.
            logger.LogWarning(ex, "Reminder for appointment {AppointmentId} not queued this round", reminder.AppointmentId);
            return false;
        }
    }
}

public sealed record DueReminder(int AppointmentId, string Reference, DateTime StartUtc, DateTime CreatedUtc,
    string CustomerName, string CustomerEmail, string ServiceName, string EmployeeName);
