using AppointEase.Application.Slots.WatchSlotDay;

namespace AppointEase.WebApi.Infrastructure.SlotStreams;

/// <summary>
/// One entry of a day's event sequence: a change (<see cref="Change"/>), or a whole new view after the store switched
/// (<see cref="StoreSwitched"/>: written as <c>store-mode</c> then <c>snapshot</c>). Snapshots are rendered per
/// stream, since each leaves its own visitor's holds out.
/// </summary>
internal sealed record DayHubEvent(long Sequence, SlotChange? Change, SlotDayView? StoreSwitched);
