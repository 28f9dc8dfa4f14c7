namespace AppointEase.Domain.Appointments;

public enum AppointmentStatus
{
    Confirmed = 0,
    Cancelled = 1,
}
