using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using Mediator;

namespace AppointEase.Application.Slots.WatchSlotDay;

/// <summary>
/// The slot streams' shared read of one day (one per day and employee per instance, about once a second, decision 121):
/// the store's day state and the booked starts the heartbeat would show, taken the heartbeat's way
/// (<see cref="HeartbeatDayReader.BookedStartsAsync"/>), but without a visitor: no per-client count, no selection refresh.
/// </summary>
public sealed record ReadSlotDayQuery(DateOnly Date, int EmployeeId) : IQuery<SlotDayView>;

public sealed class ReadSlotDayHandler(ISlotStateStore store, HeartbeatDayReader days, DayBookings dayBookings, IStoreStatus status,
    ISettingsProvider settings)
    : IQueryHandler<ReadSlotDayQuery, SlotDayView>
{
    public async ValueTask<SlotDayView> Handle(ReadSlotDayQuery query, CancellationToken cancellationToken)
    {
        var business = await settings.GetAsync(cancellationToken);
        // Sent together, as the heartbeat does (decision 125): one pipelined Redis round trip.
        var state = store.GetDayStateAsync(query.Date, query.EmployeeId, cancellationToken);
        var lookUp = dayBookings.LookUpAsync(query.Date, query.EmployeeId, cancellationToken);
        var live = await state;
        var cached = await lookUp;
        var booked = await days.BookedStartsAsync(live, cached, business.Policy, query.Date, query.EmployeeId, cancellationToken);
        // The mode is read after the store call, so a failover during it shows in this very read.
        return new SlotDayView(live.Selections, live.Locks, booked, status.Mode, status.RedisAvailable, business.HeartbeatIntervalMs);
    }
}
