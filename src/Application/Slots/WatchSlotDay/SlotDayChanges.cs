namespace AppointEase.Application.Slots.WatchSlotDay;

/// <summary>The slot stream's event types (their wire names are the lower-case names).</summary>
public enum SlotChangeKind
{
    Selected,
    Deselected,
    Locked,
    Released,
    Expired,
    Booked,
    Cancelled,
}

/// <summary>
/// One change between two reads of a day. <paramref name="Actor"/> is the visitor whose selection or lock changed (null
/// for bookings); <paramref name="SelectorsAfter"/> the visitors still selecting that time afterwards. With both, each
/// stream can tell whether its own visitor sees the change: not its own, and a time stays "selected" while anyone
/// else still selects it. <paramref name="OfLock"/> says whether an expiry was a lock's or a selection's.
/// </summary>
public sealed record SlotChange(SlotChangeKind Kind, TimeOnly Time, string? Actor, IReadOnlySet<string> SelectorsAfter, bool OfLock)
{
    /// <summary>Whether a visitor whose widget leaves its own holds out sees this change.</summary>
    public bool IsVisibleTo(string clientId) => Kind switch
    {
        SlotChangeKind.Booked or SlotChangeKind.Cancelled => true,
        _ when Actor == clientId => false,
        SlotChangeKind.Locked or SlotChangeKind.Released => true,
        SlotChangeKind.Expired when OfLock => true,
        // A selection shows when it is the only other one on the time, and hides when no other is left.
        SlotChangeKind.Selected => SelectorsAfter.Count(c => c != clientId) == 1,
        _ => !SelectorsAfter.Any(c => c != clientId),
    };
}

/// <summary>What changed between two reads of a day, as the stream's typed events.</summary>
public static class SlotDayChanges
{
    /// <summary>
    /// A hold that is gone once its own expiry has passed (give or take this much clock difference between the store's
    /// clock and ours) expired; gone earlier, it was deselected or released.
    /// </summary>
    private static readonly TimeSpan ExpiryTolerance = TimeSpan.FromMilliseconds(500);

    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    public static List<SlotChange> Between(SlotDayView before, SlotDayView after, DateTime nowUtc)
    {
        var changes = new List<SlotChange>();
        bool Expired(DateTime expiresUtc) => expiresUtc <= nowUtc + ExpiryTolerance;

        var oldSelections = before.Selections.DistinctBy(s => s.ClientId).ToDictionary(s => s.ClientId);
        var newSelections = after.Selections.DistinctBy(s => s.ClientId).ToDictionary(s => s.ClientId);
        // Who selects each time as the changes are applied one by one, so each change carries the selectors right
        // after it (two visitors picking the same free time in one read: the first shows it, the second does not).
        var selectors = oldSelections.Values.GroupBy(s => s.Time).ToDictionary(g => g.Key, g => g.Select(s => s.ClientId).ToHashSet());
        IReadOnlySet<string> Apply(TimeOnly time, string client, bool add)
        {
            if (!selectors.TryGetValue(time, out var set)) selectors[time] = set = [];
            if (add) set.Add(client); else set.Remove(client);
            return set.ToHashSet();
        }

        foreach (var (client, old) in oldSelections)
            if (!newSelections.TryGetValue(client, out var current) || current.Time != old.Time)
                changes.Add(new(Expired(old.ExpiresUtc) ? SlotChangeKind.Expired : SlotChangeKind.Deselected, old.Time, client, Apply(old.Time, client, add: false), false));

        var newlyBooked = after.BookedStarts.Except(before.BookedStarts).ToHashSet();
        var oldLocks = before.Locks.DistinctBy(l => l.Slot.Time).ToDictionary(l => l.Slot.Time);
        var newLocks = after.Locks.DistinctBy(l => l.Slot.Time).ToDictionary(l => l.Slot.Time);
        foreach (var (time, old) in oldLocks)
        {
            if (newLocks.TryGetValue(time, out var current) && current.Secret == old.Secret) continue;
            if (newlyBooked.Contains(time)) continue; // the lock served its booking: the booked event says it all
            changes.Add(new(Expired(old.ExpiresUtc) ? SlotChangeKind.Expired : SlotChangeKind.Released, time, old.OwnerClientId, Nobody, true));
        }

        foreach (var (client, current) in newSelections)
            if (!oldSelections.TryGetValue(client, out var old) || old.Time != current.Time)
                changes.Add(new(SlotChangeKind.Selected, current.Time, client, Apply(current.Time, client, add: true), false));
        foreach (var (time, current) in newLocks)
            if (!oldLocks.TryGetValue(time, out var old) || old.Secret != current.Secret)
                changes.Add(new(SlotChangeKind.Locked, time, current.OwnerClientId, Nobody, true));

        foreach (var time in after.BookedStarts.Where(newlyBooked.Contains).Order())
            changes.Add(new(SlotChangeKind.Booked, time, null, Nobody, false));
        foreach (var time in before.BookedStarts.Except(after.BookedStarts).Order())
            changes.Add(new(SlotChangeKind.Cancelled, time, null, Nobody, false));
        return changes;
    }
}
