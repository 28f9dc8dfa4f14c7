namespace AppointEase.Application.Availability;

/// <summary>Wire values of a slot's state, in the order of precedence when several apply.</summary>
public static class SlotStatus
{
    public const string Booked = "booked";
    public const string Locked = "locked";
    public const string Selected = "selected";
    public const string Available = "available";
}
