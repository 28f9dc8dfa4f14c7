using AppointEase.Domain.Common;

namespace AppointEase.Domain.Scheduling;

/// <summary>A half-open local wall-clock range [Start, End) within one day. End 00:00 means midnight at the day's end.</summary>
public readonly record struct TimeRange
{
    public TimeRange(TimeOnly start, TimeOnly end)
    {
        if (end != TimeOnly.MinValue && end <= start)
            throw new DomainException($"Range end {end:HH\\:mm} must be after its start {start:HH\\:mm}.");
        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }
    public TimeOnly End { get; }

    /// <summary>Minutes from the day's start; midnight as an end counts as 1440.</summary>
    public int StartMinute => Start.Hour * 60 + Start.Minute;
    public int EndMinute => End == TimeOnly.MinValue ? 24 * 60 : End.Hour * 60 + End.Minute;
}
