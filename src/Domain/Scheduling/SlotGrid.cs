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
        if (plan.BusinessClosed || plan.EmployeeOff || plan.BusinessDay is null || plan.EmployeeDay is null)
            return [];
        if (plan.Date < policy.Today(now) || plan.Date > policy.LastBookableDate(now))
            return [];

        var earliestStart = now.UtcDateTime + policy.MinimumNotice;
        var duration = TimeSpan.FromMinutes(service.DurationMinutes);
        var before = TimeSpan.FromMinutes(service.BufferBeforeMinutes);
        var after = TimeSpan.FromMinutes(service.BufferAfterMinutes);
        var windows = DaySchedule.Intersect(plan.BusinessDay.WorkingMinutes(), plan.EmployeeDay.WorkingMinutes())
            .Select(w => (Start: policy.MinuteToUtc(plan.Date, w.Start), End: policy.MinuteToUtc(plan.Date, w.End)))
            .ToList();

        var slots = new List<GridSlot>();
        for (var minute = 0; minute < 24 * 60; minute += policy.SlotMinutes)
        {
            var time = new TimeOnly(minute / 60, minute % 60);
            var start = policy.ToUtc(plan.Date, time);
            if (start is null || start.Value < earliestStart) continue;
            var end = start.Value + duration;
            if (!FitsInAny(windows, start.Value, end)) continue;
            slots.Add(new GridSlot(time, start.Value, end, IsBooked(start.Value, end, before, after, plan.Busy)));
        }
        return slots;
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
