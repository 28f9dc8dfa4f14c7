using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.WatchSlotDay;
using AppointEase.Domain.Scheduling;

namespace AppointEase.Application.UnitTests.Slots;

public sealed class SlotDayChangesTests
{
    private static readonly DateOnly Date = new(2026, 12, 1);
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = Now.AddSeconds(8);

    private static SlotDayView Day(IEnumerable<(string Client, string Time, DateTime Expires)>? selections = null,
        IEnumerable<(string Owner, string Time, string Secret, DateTime Expires)>? locks = null, params string[] booked) => new(
        (selections ?? []).Select(s => new SlotSelectionState(TimeOnly.Parse(s.Time), s.Client, s.Expires)).ToList(),
        (locks ?? []).Select(l => new SlotLockState(new SlotKey(Date, 1, TimeOnly.Parse(l.Time)), l.Owner, l.Secret, l.Expires)).ToList(),
        booked.Select(t => TimeOnly.Parse(t)).ToList(), StorageMode.Redis, true, 1000);

    private static List<string> Seen(SlotDayView before, SlotDayView after, string viewer) =>
        SlotDayChanges.Between(before, after, Now).Where(c => c.IsVisibleTo(viewer))
            .Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Time:HH:mm}").ToList();

    [Fact]
    public void AMove_IsADeselectThenASelect()
    {
        var before = Day([("a", "10:00", Later)]);
        var after = Day([("a", "10:30", Later)]);

        Assert.Equal(["deselected 10:00", "selected 10:30"], Seen(before, after, "viewer"));
        Assert.Empty(Seen(before, after, "a"));
    }

    [Fact]
    public void TwoVisitorsTradingATimeInOneRead_IsNoChange()
    {
        var before = Day([("a", "15:00", Later)]);
        var after = Day([("b", "15:00", Later)]);

        Assert.Empty(Seen(before, after, "viewer"));
        Assert.Equal(["selected 15:00"], Seen(before, after, "a")); // a no longer sees its own: b's shows
    }

    [Fact]
    public void AHoldGonePastItsExpiry_Expired_AndALockThatBecameABooking_IsBooked()
    {
        var before = Day([("a", "09:00", Now.AddSeconds(-1))], [("b", "11:00", "s1", Later), ("c", "12:00", "s2", Now)]);
        var after = Day(booked: "11:00");

        var changes = SlotDayChanges.Between(before, after, Now);

        Assert.Equal(["Expired 09:00 selection", "Expired 12:00 lock", "Booked 11:00 -"],
            changes.Select(c => $"{c.Kind} {c.Time:HH:mm} {(c.Kind == SlotChangeKind.Booked ? "-" : c.OfLock ? "lock" : "selection")}"));
    }

    [Fact]
    public void ALockGoneFromASlotAlreadyBooked_IsNoEvent()
    {
        // Decision 141: the booking is announced before its lock is released, so a read can see both, then neither.
        var bookedAndHeld = Day(locks: [("b", "11:00", "s1", Later)], booked: "11:00");
        var booked = Day(booked: "11:00");

        Assert.Empty(SlotDayChanges.Between(bookedAndHeld, booked, Now));
    }

    [Fact]
    public void ALockGoneFromAFreeSlot_IsReleased()
    {
        var held = Day(locks: [("b", "11:00", "s1", Later)]);

        Assert.Equal(["released 11:00"], Seen(held, Day(), "viewer"));
    }
}
