namespace AppointEase.Domain.Scheduling;

/// <summary>A UTC interval [StartUtc, EndUtc) in which an employee is already taken, buffers included.</summary>
public readonly record struct BusyInterval(DateTime StartUtc, DateTime EndUtc)
{
    public bool Overlaps(DateTime startUtc, DateTime endUtc) => startUtc < EndUtc && StartUtc < endUtc;
}
