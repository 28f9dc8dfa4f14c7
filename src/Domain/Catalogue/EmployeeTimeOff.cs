using AppointEase.Domain.Common;

namespace AppointEase.Domain.Catalogue;

/// <summary>Days (inclusive range) on which one employee takes no bookings.</summary>
public sealed class EmployeeTimeOff : Entity
{
    private EmployeeTimeOff() { }

    public EmployeeTimeOff(int employeeId, DateOnly from, DateOnly to, string? reason)
    {
        if (to < from) throw new DomainException("Time off must end on or after its start.");
        EmployeeId = employeeId;
        From = from;
        To = to;
        Reason = reason?.Trim();
    }

    public int EmployeeId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string? Reason { get; private set; }

    public bool Covers(DateOnly date) => date >= From && date <= To;
}
