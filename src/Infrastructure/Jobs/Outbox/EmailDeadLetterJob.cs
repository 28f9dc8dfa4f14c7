using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Outbox;

/// <summary>Only ever run from the dashboard ("Requeue" on a dead letter): gives the email a fresh set of attempts.</summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class EmailDeadLetterJob(AppDbContext db, IEmailDispatcher dispatcher, TimeProvider clock, ILogger<EmailDeadLetterJob> logger)
{
    [JobDisplayName("Dead-lettered email #{0}")]
    public async Task RequeueAsync(long emailId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var requeued = await db.Set<OutboxEmail>().Where(e => e.Id == emailId && e.Status == OutboxStatus.DeadLettered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, OutboxStatus.Pending)
                .SetProperty(e => e.Attempts, 0)
                .SetProperty(e => e.NextAttemptUtc, now)
                .SetProperty(e => e.DeadLetterReportedUtc, (DateTime?)null), cancellationToken);
        logger.LogInformation("Dead-lettered email {EmailId} requeued: {Requeued}", emailId, requeued == 1);
        if (requeued == 1) dispatcher.Nudge();
    }
}
