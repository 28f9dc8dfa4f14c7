namespace AppointEase.Application.Common.Interfaces;

/// <summary>Sends due outbox messages; called by the job runner and nudged right after a commit that queued mail.</summary>
public interface IEmailDispatcher
{
    Task<EmailDispatchReport> DispatchDueAsync(CancellationToken cancellationToken);

    /// <summary>Asks for a dispatch soon, without waiting for it (never throws).</summary>
    void Nudge();
}

public sealed record EmailDispatchReport(int Sent, int Failed, int DeadLettered);
