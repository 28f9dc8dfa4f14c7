namespace AppointEase.Infrastructure.Email;

/// <summary>Wakes the in-process dispatch loop right after mail was queued, so confirmations do not wait for the next poll.</summary>
internal sealed class EmailDispatchSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Raise()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* a wake-up is already pending; one is enough */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
