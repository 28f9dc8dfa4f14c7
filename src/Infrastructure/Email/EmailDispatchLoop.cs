using AppointEase.Application.Common.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Email;

/// <summary>Runs the dispatcher when nudged and at least every few seconds, so retries happen without a request.</summary>
internal sealed class EmailDispatchLoop(IEmailDispatcher dispatcher, EmailDispatchSignal signal, ILogger<EmailDispatchLoop> logger) : BackgroundService
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(PollEvery, stoppingToken);
                await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down; the rows wait in the outbox until the next round.
                logger.LogWarning(ex, "Email dispatch round failed");
            }
        }
    }
}
