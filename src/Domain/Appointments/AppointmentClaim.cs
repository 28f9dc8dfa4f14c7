namespace AppointEase.Domain.Appointments;

/// <summary>
/// One grid cell of an employee's time held by an appointment. The key (employee, cell start) is unique in the
/// database, so two appointments that share any cell, whether they start together or merely overlap, can never both
/// be committed: the database, not a prior read, decides the race.
/// </summary>
public sealed class AppointmentClaim
{
    private AppointmentClaim() { }

    public AppointmentClaim(Appointment appointment, int employeeId, DateTime cellStartUtc)
    {
        Appointment = appointment;
        EmployeeId = employeeId;
        CellStartUtc = cellStartUtc;
    }

    public int EmployeeId { get; private set; }
    public DateTime CellStartUtc { get; private set; }
    public int AppointmentId { get; private set; }

    /// <summary>Set when claiming for a new appointment, so the database-generated id flows into the claim on save.</summary>
    public Appointment? Appointment { get; private set; }
}
