using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>SQL mode has no pub/sub: the slot streams' once-a-second poll sees every change (decision 122).</summary>
internal sealed class NoSlotChangeFeed : ISlotChangeFeed
{
    public IDisposable Subscribe(Action<DateOnly, int> dayChanged) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();
        public void Dispose() { }
    }
}
