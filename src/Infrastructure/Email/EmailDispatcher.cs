using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AppointEase.Infrastructure.Email;

/// <summary>
/// Sends due outbox rows. Each row is claimed with a conditional UPDATE before sending, so several instances can
/// dispatch at once without sending a message twice; failures back off exponentially and dead-letter after MaxAttempts.
/// </summary>
internal sealed class EmailDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    EmailDispatchSignal signal,
    ILogger<EmailDispatcher> logger) : IEmailDispatcher
{
    private const int BatchSize = 50;
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    public void Nudge() => signal.Raise();

    public async Task<EmailDispatchReport> DispatchDueAsync(CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0, dead = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxEmail>().AsNoTracking()
            .Where(e => e.Status == OutboxStatus.Pending && e.NextAttemptUtc <= now && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < now))
            .OrderBy(e => e.Id).Take(BatchSize).Select(e => e.Id).ToListAsync(cancellationToken);

        foreach (var id in due)
        {
            var claimedUntil = clock.GetUtcNow().UtcDateTime + ClaimFor;
            var claimNow = clock.GetUtcNow().UtcDateTime;
            var claimed = await db.Set<OutboxEmail>()
                .Where(e => e.Id == id && e.Status == OutboxStatus.Pending && (e.ClaimedUntilUtc == null || e.ClaimedUntilUtc < claimNow))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntilUtc, claimedUntil), cancellationToken);
            if (claimed == 0) continue;

            var row = await db.Set<OutboxEmail>().AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
            try
            {
                // Disposed here: MimeKit's parts have finalizers, which otherwise run for every sent message.
                using (var message = Build(row)) await transport.SendAsync(message, cancellationToken);
                var sentAt = clock.GetUtcNow().UtcDateTime;
                var attemptsMade = row.Attempts + 1; // a plain value: "row.Attempts + 1" in the update is compiled on each call
                await db.Set<OutboxEmail>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Status, OutboxStatus.Sent)
                    .SetProperty(e => e.SentUtc, sentAt)
                    .SetProperty(e => e.Attempts, attemptsMade)
                    .SetProperty(e => e.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = row.Attempts + 1;
                var deadLetter = attempts >= options.Value.MaxAttempts;
                var retryAt = clock.GetUtcNow().UtcDateTime + Backoff(attempts);
                var error = ex.GetType().Name + ": " + ex.Message;
                if (error.Length > 1000) error = error[..1000];
                await db.Set<OutboxEmail>().Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Status, deadLetter ? OutboxStatus.DeadLettered : OutboxStatus.Pending)
                    .SetProperty(e => e.Attempts, attempts)
                    .SetProperty(e => e.NextAttemptUtc, retryAt)
                    .SetProperty(e => e.LastError, error)
                    .SetProperty(e => e.ClaimedUntilUtc, (DateTime?)null), cancellationToken);
                if (deadLetter)
                {
                    dead++;
                    logger.LogError(ex, "Email {EmailId} ({Kind}) dead-lettered after {Attempts} attempts", id, row.Kind, attempts);
                }
                else
                {
                    failed++;
                    logger.LogWarning("Email {EmailId} ({Kind}) failed attempt {Attempts}, retry at {RetryAt:o}: {Error}", id, row.Kind, attempts, retryAt, error);
                }
            }
        }
        return new EmailDispatchReport(sent, failed, dead);
    }

    /// <summary>2 s, 4 s, 8 s … capped at 10 minutes: quick recovery from a blip without hammering a dead server.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, Math.Min(attempts, 10))));

    private MimeMessage Build(OutboxEmail row)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.From));
        message.To.Add(MailboxAddress.Parse(row.To));
        message.Subject = row.Subject;
        message.MessageId = $"outbox-{row.Id}-{row.CreatedUtc:yyyyMMddHHmmss}@appointease";
        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        foreach (var a in JsonSerializer.Deserialize<List<EmailOutbox.StoredAttachment>>(row.AttachmentsJson) ?? [])
        {
            // Base64 keeps attachments byte-exact: as quoted-printable text, mail stores rewrite the CRLF line ends
            // that RFC 5545 (.ics) requires.
            if (body.Attachments.Add(a.FileName, Convert.FromBase64String(a.Base64), ContentType.Parse(a.ContentType)) is MimePart part)
                part.ContentTransferEncoding = ContentEncoding.Base64;
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
