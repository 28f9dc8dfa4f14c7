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
/// One change between two reads of a day. For locks, <paramref name="Actor"/> is the lock's owner. For selections,
/// <paramref name="SelectorsBefore"/> and <paramref name="SelectorsAfter"/> are who selected the time at the two reads,
/// so each stream can tell whether its visitor sees the time change: a time is "selected" for a visitor while anyone
/// else selects it. Per time, a read gives at most one selection change any one visitor sees, so two visitors trading
/// a time in one read is no change at all. <paramref name="OfLock"/> says whether an expiry was a lock's or a selection's.
/// </summary>
public sealed record SlotChange(
    SlotChangeKind Kind, TimeOnly Time, string? Actor, IReadOnlySet<string> SelectorsBefore, IReadOnlySet<string> SelectorsAfter, bool OfLock)
{
    /// <summary>Whether a visitor whose widget leaves its own holds out sees this change.</summary>
    public bool IsVisibleTo(string clientId) => Kind switch
    {
        SlotChangeKind.Booked or SlotChangeKind.Cancelled => true,
        _ when OfLock => Actor != clientId,
        SlotChangeKind.Selected => !ByOthers(SelectorsBefore, clientId) && ByOthers(SelectorsAfter, clientId),
        _ => ByOthers(SelectorsBefore, clientId) && !ByOthers(SelectorsAfter, clientId),
    };

    private static bool ByOthers(IReadOnlySet<string> selectors, string clientId) =>
        selectors.Count > 1 || (selectors.Count == 1 && !selectors.Contains(clientId));
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

        var oldSelections = before.Selections.DistinctBy(s => s.ClientId).ToList();
        var newSelections = after.Selections.DistinctBy(s => s.ClientId).ToList();
        var selectorsBefore = oldSelections.GroupBy(s => s.Time).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(s => s.ClientId).ToHashSet());
        var selectorsAfter = newSelections.GroupBy(s => s.Time).ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(s => s.ClientId).ToHashSet());
        IReadOnlySet<string> At(Dictionary<TimeOnly, IReadOnlySet<string>> selectors, TimeOnly time) => selectors.GetValueOrDefault(time) ?? Nobody;

        var additions = new List<SlotChange>();
        foreach (var time in selectorsBefore.Keys.Union(selectorsAfter.Keys).Order())
        {
            var (was, now) = (At(selectorsBefore, time), At(selectorsAfter, time));
            var leavers = oldSelections.Where(s => s.Time == time && !now.Contains(s.ClientId)).ToList();
            if (leavers.Count > 0)
                changes.Add(new(leavers.All(l => Expired(l.ExpiresUtc)) ? SlotChangeKind.Expired : SlotChangeKind.Deselected, time,
                    leavers[0].ClientId, was, now, false));
            var joiner = now.FirstOrDefault(c => !was.Contains(c));
            if (joiner is not null) additions.Add(new(SlotChangeKind.Selected, time, joiner, was, now, false));
        }

        var newlyBooked = after.BookedStarts.Except(before.BookedStarts).ToHashSet();
        var oldLocks = before.Locks.DistinctBy(l => l.Slot.Time).ToDictionary(l => l.Slot.Time);
        var newLocks = after.Locks.DistinctBy(l => l.Slot.Time).ToDictionary(l => l.Slot.Time);
        foreach (var (time, old) in oldLocks)
        {
            if (newLocks.TryGetValue(time, out var current) && current.Secret == old.Secret) continue;
            // The lock served its booking: the booked event says it all, whether it comes in this read or came in an
            // earlier one (the booking is announced before its lock is released, decision 141).
            if (after.BookedStarts.Contains(time)) continue;
            changes.Add(new(Expired(old.ExpiresUtc) ? SlotChangeKind.Expired : SlotChangeKind.Released, time, old.OwnerClientId, Nobody, Nobody, true));
        }

        changes.AddRange(additions);
        foreach (var (time, current) in newLocks)
            if (!oldLocks.TryGetValue(time, out var old) || old.Secret != current.Secret)
                changes.Add(new(SlotChangeKind.Locked, time, current.OwnerClientId, Nobody, Nobody, true));

        foreach (var time in after.BookedStarts.Where(newlyBooked.Contains).Order())
            changes.Add(new(SlotChangeKind.Booked, time, null, Nobody, Nobody, false));
        foreach (var time in before.BookedStarts.Except(after.BookedStarts).Order())
            changes.Add(new(SlotChangeKind.Cancelled, time, null, Nobody, Nobody, false));
        return changes;
    }
}
