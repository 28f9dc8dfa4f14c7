namespace AppointEase.Domain.Catalogue;

/// <summary>A pause inside a working day (persisted as an owned row of its day).</summary>
public sealed class BreakPeriod
{
    private BreakPeriod() { }

    public BreakPeriod(TimeOnly start, TimeOnly end)
    {
        Start = start;
        End = end;
    }

    public TimeOnly Start { get; private set; }
    public TimeOnly End { get; private set; }
}
