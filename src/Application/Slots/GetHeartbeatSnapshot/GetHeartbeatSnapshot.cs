using AppointEase.Application.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.GetHeartbeatSnapshot;

/// <summary>
/// The widget's once-a-second poll: what others hold on the day, and which starts are booked. <c>SelectedTime</c>
/// refreshes the caller's selection in the same store call (one round trip to Redis, or to the database in SQL mode).
/// Booked starts come from the store's cache of the day when it has one (Redis, 5 minutes, dropped on booking changes),
/// or from the bookings the SQL store read in that same round trip (decision 066), else from SQL, then cached
/// (<see cref="DayBookings"/>).
/// The same store call counts the per-client limit; a refused heartbeat is a 429 and has changed nothing (decision 025).
/// </summary>
public sealed record GetHeartbeatSnapshotQuery(string? Date, int EmployeeId, string? ClientId, string? SelectedTime)
    : IQuery<Result<HeartbeatSnapshot>>;

public sealed class GetHeartbeatSnapshotHandler(
    SlotGuard guard,
    HeartbeatDayReader days,
    IStoreStatus status,
    ISettingsProvider settings,
    TimeProvider clock) : IQueryHandler<GetHeartbeatSnapshotQuery, Result<HeartbeatSnapshot>>
{
    public async ValueTask<Result<HeartbeatSnapshot>> Handle(GetHeartbeatSnapshotQuery query, CancellationToken cancellationToken)
    {
        if (await guard.EmployeeExistsAsync(query.EmployeeId, cancellationToken) is { } missing) return missing;
        var date = Formats.ParseDate(query.Date!);
        if (await guard.DateInRangeAsync(date, cancellationToken) is { } outOfRange) return outOfRange;
        var snapshot = await settings.GetAsync(cancellationToken);
        TimeOnly? selected = query.SelectedTime is null ? null : Formats.ParseTime(query.SelectedTime);
        if (selected is { } time && !snapshot.Policy.IsOnGrid(time))
            return Error.Invalid("selectedTime", "slot_not_offered", $"{query.SelectedTime} is not on the {snapshot.Policy.SlotMinutes}-minute grid.");

        var client = ClientId.Parse(query.ClientId!);
        var day = await days.ReadAsync(date, query.EmployeeId, client, selected, snapshot, cancellationToken);
        if (!day.IsSuccess) return day.Error;
        var (live, booked) = day.Value;
        return new HeartbeatSnapshot(
            OthersTimesText(live.Selections, client, static s => s.ClientId, static s => s.Time),
            booked.Select(Formats.ToText).ToList(),
            OthersTimesText(live.Locks, client, static l => l.OwnerClientId, static l => l.Slot.Time),
            status.RedisAvailable ? "available" : "unavailable",
            StorageModeText.Of(status.Mode),
            snapshot.HeartbeatIntervalMs,
            clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// The times held by clients other than the caller, as HH:mm, ascending, each once. A loop rather than a LINQ chain:
    /// this runs twice on every heartbeat, and the chain's iterators, closures and hash set were a fifth of its
    /// allocations (decision 143).
    /// </summary>
    private static List<string> OthersTimesText<T>(IReadOnlyList<T> holds, ClientId caller, Func<T, string> ownerOf, Func<T, TimeOnly> timeOf)
    {
        var times = new List<TimeOnly>(holds.Count);
        foreach (var hold in holds)
            if (ownerOf(hold) != caller.Value) times.Add(timeOf(hold));
        if (times.Count == 0) return [];
        times.Sort();
        var text = new List<string>(times.Count);
        for (var i = 0; i < times.Count; i++)
            if (i == 0 || times[i] != times[i - 1]) text.Add(Formats.ToText(times[i]));
        return text;
    }
}
