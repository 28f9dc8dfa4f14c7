namespace AppointEase.Domain.Scheduling;

/// <summary>Everything the slot grid needs to know about one employee on one date.</summary>
public sealed record DayPlan(
    DateOnly Date,
    DaySchedule? BusinessDay,
    DaySchedule? EmployeeDay,
    bool BusinessClosed,
    bool EmployeeOff,
    IReadOnlyList<BusyInterval> Busy);
