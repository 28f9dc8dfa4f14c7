using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Outbox;

/// <summary>
/// Makes each dead-lettered email visible in the dashboard as one failed job "Dead-lettered email #id" carrying the
/// last SMTP error; "Requeue" there runs <see cref="EmailDeadLetterJob.RequeueAsync"/>, which puts the mail back in the
/// outbox. The row is claimed (DeadLetterReportedUtc) before the job is created, so several instances report it once.
/// </summary>
public sealed class DeadLetterReporter(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, ILogger<DeadLetterReporter> logger)
{
    public async Task<int> ReportNewAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<OutboxEmail>().AsNoTracking()
            .Where(e => e.Status == OutboxStatus.DeadLettered && e.DeadLetterReportedUtc == null)
            .OrderBy(e => e.Id).Take(100)
            .Select(e => new { e.Id, e.Kind, e.To, e.Attempts, e.LastError })
            .ToListAsync(cancellationToken);
        var reported = 0;
        foreach (var row in rows)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Set<OutboxEmail>().Where(e => e.Id == row.Id && e.DeadLetterReportedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeadLetterReportedUtc, now), cancellationToken);
            if (claimed == 0) continue;
            try
            {
                var error = new EmailDeadLetteredException($"Email #{row.Id} ({row.Kind}) to {row.To} failed {row.Attempts} times: {row.LastError}");
                jobs.Create(Job.FromExpression<EmailDeadLetterJob>(j => j.RequeueAsync(row.Id, CancellationToken.None)),
                    new FailedState(error) { Reason = "Email dead-lettered; Requeue sends it again" });
                reported++;
            }
            catch (Exception ex)
            {
                // Job storage down: release the claim so a later round reports it.
                await db.Set<OutboxEmail>().Where(e => e.Id == row.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.DeadLetterReportedUtc, (DateTime?)null), cancellationToken);
                logger.LogWarning(ex, "Could not surface dead-lettered email {EmailId} in the job dashboard", row.Id);
                throw;
            }
        }
        return reported;
    }
}

public sealed class EmailDeadLetteredException(string message) : Exception(message);
