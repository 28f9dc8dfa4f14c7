namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Tells this instance, as soon as any instance changed a day's selections, locks or bookings, which day and employee
/// it was, so the slot streams re-read that day at once instead of at their next once-a-second poll (decision 122).
/// Best effort: a missed message only costs that second. Without Redis there is no feed and the poll does it all.
/// </summary>
public interface ISlotChangeFeed
{
    /// <summary>Calls <paramref name="dayChanged"/> (on a pub/sub thread: keep it short) until the subscription is disposed.</summary>
    IDisposable Subscribe(Action<DateOnly, int> dayChanged);
}
