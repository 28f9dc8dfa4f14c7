namespace AppointEase.Domain.Scheduling;

/// <summary>
/// Pure slot calculation: business hours ∩ employee hours − breaks − closures − minimum notice − beyond the horizon,
/// on the policy's grid, in the business time zone. Works on real UTC instants so DST days are neither padded
/// nor squeezed: a wall-clock time that does not exist is not offered, and a service must fit in real minutes.
/// </summary>
public static class SlotGrid
{
    public static IReadOnlyList<GridSlot> Calculate(SchedulingPolicy policy, ServiceFootprint service, DayPlan plan, DateTimeOffset now)
    {
        if (DayGrid.Of(policy, service, plan, now) is not { } day) return [];
        var slots = new List<GridSlot>();
        for (var minute = 0; minute < 24 * 60; minute += policy.SlotMinutes)
            if (day.At(minute) is { } slot) slots.Add(slot);
        return slots;
    }

    /// <summary>
    /// The slot that starts at <paramref name="time"/>, or null when that start is not offered: what
    /// <see cref="Calculate"/> lists for that time, without the time zone arithmetic of the day's other steps (a select,
    /// a lock and a confirm each ask about one start; decision 144).
    /// </summary>
    public static GridSlot? Find(SchedulingPolicy policy, ServiceFootprint service, DayPlan plan, DateTimeOffset now, TimeOnly time)
    {
        var minute = time.Hour * 60 + time.Minute;
        if (time != new TimeOnly(time.Hour, time.Minute) || minute % policy.SlotMinutes != 0) return null;
        return DayGrid.Of(policy, service, plan, now)?.At(minute);
    }

    /// <summary>
    /// The same slots with <see cref="GridSlot.Booked"/> set from <paramref name="busy"/>: for a grid calculated before
    /// the day's bookings were known, without walking the day's time zone arithmetic a second time.
    /// </summary>
    public static IReadOnlyList<GridSlot> WithBookings(IReadOnlyList<GridSlot> slots, ServiceFootprint service, IReadOnlyList<BusyInterval> busy)
    {
        var before = TimeSpan.FromMinutes(service.BufferBeforeMinutes);
        var after = TimeSpan.FromMinutes(service.BufferAfterMinutes);
        return slots.Select(s => s with { Booked = IsBooked(s.StartUtc, s.EndUtc, before, after, busy) }).ToList();
    }

    /// <summary>What every step of one day's grid is checked against: the working windows in UTC and the earliest start.</summary>
    private sealed class DayGrid(SchedulingPolicy policy, ServiceFootprint service, DayPlan plan, DateTime earliestStart,
        List<(DateTime Start, DateTime End)> windows)
    {
        private readonly TimeSpan _duration = TimeSpan.FromMinutes(service.DurationMinutes);
        private readonly TimeSpan _before = TimeSpan.FromMinutes(service.BufferBeforeMinutes);
        private readonly TimeSpan _after = TimeSpan.FromMinutes(service.BufferAfterMinutes);

        public static DayGrid? Of(SchedulingPolicy policy, ServiceFootprint service, DayPlan plan, DateTimeOffset now)
        {
            if (plan.BusinessClosed || plan.EmployeeOff || plan.BusinessDay is null || plan.EmployeeDay is null)
                return null;
            if (plan.Date < policy.Today(now) || plan.Date > policy.LastBookableDate(now))
                return null;
            var windows = DaySchedule.Intersect(plan.BusinessDay.WorkingMinutes(), plan.EmployeeDay.WorkingMinutes())
                .Select(w => (Start: policy.MinuteToUtc(plan.Date, w.Start), End: policy.MinuteToUtc(plan.Date, w.End)))
                .ToList();
            return new DayGrid(policy, service, plan, now.UtcDateTime + policy.MinimumNotice, windows);
        }

        /// <summary>The slot starting at this minute of the local day, or null when that start is not offered.</summary>
        public GridSlot? At(int minute)
        {
            var time = new TimeOnly(minute / 60, minute % 60);
            var start = policy.ToUtc(plan.Date, time);
            if (start is null || start.Value < earliestStart) return null;
            var end = start.Value + _duration;
            if (!FitsInAny(windows, start.Value, end)) return null;
            return new GridSlot(time, start.Value, end, IsBooked(start.Value, end, _before, _after, plan.Busy));
        }
    }

    // Loops rather than Any(lambda): these run for every grid step of every day calculated (a confirm, an availability
    // month), and a capturing lambda is two allocations per call (decision 144).
    private static bool FitsInAny(List<(DateTime Start, DateTime End)> windows, DateTime start, DateTime end)
    {
        foreach (var w in windows)
            if (w.Start <= start && end <= w.End) return true;
        return false;
    }

    private static bool IsBooked(DateTime start, DateTime end, TimeSpan before, TimeSpan after, IReadOnlyList<BusyInterval> busy)
    {
        var (from, to) = (start - before, end + after);
        for (var i = 0; i < busy.Count; i++)
            if (busy[i].Overlaps(from, to)) return true;
        return false;
    }
}
