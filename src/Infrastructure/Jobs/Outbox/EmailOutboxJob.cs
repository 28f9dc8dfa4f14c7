using AppointEase.Application.Common.Interfaces;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs.Outbox;

/// <summary>
/// Every minute: a dispatch round (the in-process EmailDispatchLoop still sends within seconds of a nudge; this is the
/// scheduler-visible safety net) and surfacing of new dead letters as failed jobs. Row claims in the dispatcher make
/// concurrent rounds on several instances send each message once.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class EmailOutboxJob(IEmailDispatcher dispatcher, DeadLetterReporter deadLetters, ILogger<EmailOutboxJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Dispatch email outbox")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await dispatcher.DispatchDueAsync(cancellationToken);
        var surfaced = await deadLetters.ReportNewAsync(cancellationToken);
        if (report.Sent + report.Failed + report.DeadLettered + surfaced > 0)
            logger.LogInformation("Email outbox round: {Sent} sent, {Failed} failed, {DeadLettered} dead-lettered, {Surfaced} dead letters surfaced",
                report.Sent, report.Failed, report.DeadLettered, surfaced);
    }
}
