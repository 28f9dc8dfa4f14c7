namespace AppointEase.Domain.Appointments;

/// <summary>One move of an appointment, kept so staff and customers can see where it was before.</summary>
public sealed class RescheduleRecord
{
    private RescheduleRecord() { }

    public RescheduleRecord(DateTime fromStartUtc, DateTime toStartUtc, int fromEmployeeId, DateTime atUtc)
    {
        FromStartUtc = fromStartUtc;
        ToStartUtc = toStartUtc;
        FromEmployeeId = fromEmployeeId;
        AtUtc = atUtc;
    }

    public DateTime FromStartUtc { get; private set; }
    public DateTime ToStartUtc { get; private set; }
    public int FromEmployeeId { get; private set; }
    public DateTime AtUtc { get; private set; }
}
