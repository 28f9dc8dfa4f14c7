namespace AppointEase.Domain.Scheduling;

/// <summary>One bookable start on a day's grid, with its real instants and whether an existing booking blocks it.</summary>
public sealed record GridSlot(TimeOnly Time, DateTime StartUtc, DateTime EndUtc, bool Booked);
