namespace AppointEase.Domain.Scheduling;

/// <summary>How long a service takes and the time it keeps free around it.</summary>
public readonly record struct ServiceFootprint(int DurationMinutes, int BufferBeforeMinutes, int BufferAfterMinutes);
