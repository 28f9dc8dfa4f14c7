using AppointEase.Domain.Common;

namespace AppointEase.Domain.Scheduling;

/// <summary>Open hours of one day with breaks. Closes 00:00 means open until midnight.</summary>
public sealed record DaySchedule
{
    public DaySchedule(TimeOnly opens, TimeOnly closes, IReadOnlyList<TimeRange>? breaks = null)
    {
        var day = new TimeRange(opens, closes);
        var sorted = (breaks ?? []).OrderBy(b => b.StartMinute).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var b = sorted[i];
            if (b.StartMinute < day.StartMinute || b.EndMinute > day.EndMinute)
                throw new DomainException("A break must lie within the day's hours.");
            if (i > 0 && sorted[i - 1].EndMinute > b.StartMinute)
                throw new DomainException("Breaks must not overlap.");
        }
        Opens = opens;
        Closes = closes;
        Breaks = sorted;
        _workingMinutes = Subtract(day, sorted);
    }

    // Computed once: a schedule lives in a day plan that the select's and lock's check share per catalogue snapshot
    // (decision 153), and every check of a start asked for the same ranges again.
    private readonly IReadOnlyList<(int Start, int End)> _workingMinutes;

    public TimeOnly Opens { get; }
    public TimeOnly Closes { get; }
    public IReadOnlyList<TimeRange> Breaks { get; }

    /// <summary>The working ranges of the day as minute intervals: hours minus breaks.</summary>
    public IReadOnlyList<(int Start, int End)> WorkingMinutes() => _workingMinutes;

    private static List<(int Start, int End)> Subtract(TimeRange day, List<TimeRange> breaks)
    {
        var result = new List<(int, int)>();
        var cursor = day.StartMinute;
        foreach (var b in breaks)
        {
            if (b.StartMinute > cursor) result.Add((cursor, b.StartMinute));
            cursor = Math.Max(cursor, b.EndMinute);
        }
        if (day.EndMinute > cursor) result.Add((cursor, day.EndMinute));
        return result;
    }

    /// <summary>Minute intervals worked in both schedules (business ∩ employee).</summary>
    public static IReadOnlyList<(int Start, int End)> Intersect(
        IReadOnlyList<(int Start, int End)> a, IReadOnlyList<(int Start, int End)> b)
    {
        var result = new List<(int, int)>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (end > start) result.Add((start, end));
            if (a[i].End < b[j].End) i++; else j++;
        }
        return result;
    }
}
