using AppointEase.Domain.Common;

namespace AppointEase.Domain.Scheduling;

/// <summary>The single row of business-wide settings that admins can change at run time.</summary>
public sealed class BusinessSettings : Entity
{
    public const int SingletonId = 1;
    public const int MaxNameLength = 120;

    private BusinessSettings() { BusinessName = TimeZoneId = ""; }

    public BusinessSettings(string businessName, string timeZoneId, int slotMinutes, int minimumNoticeMinutes,
        int bookingHorizonDays, int changeCutoffMinutes)
    {
        Id = SingletonId;
        BusinessName = TimeZoneId = "";
        Change(businessName, timeZoneId, slotMinutes, minimumNoticeMinutes, bookingHorizonDays, changeCutoffMinutes);
    }

    public string BusinessName { get; private set; }
    /// <summary>IANA time zone id, e.g. Europe/Berlin.</summary>
    public string TimeZoneId { get; private set; }
    public int SlotMinutes { get; private set; }
    public int MinimumNoticeMinutes { get; private set; }
    public int BookingHorizonDays { get; private set; }
    /// <summary>Customers may not cancel or reschedule closer than this to the start.</summary>
    public int ChangeCutoffMinutes { get; private set; }
    public int Version { get; private set; }

    public void Change(string businessName, string timeZoneId, int slotMinutes, int minimumNoticeMinutes,
        int bookingHorizonDays, int changeCutoffMinutes)
    {
        BusinessName = Guard.NotBlank(businessName, nameof(BusinessName), MaxNameLength);
        TimeZoneId = timeZoneId;
        _ = ToPolicyWith(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), slotMinutes, minimumNoticeMinutes, bookingHorizonDays);
        SlotMinutes = slotMinutes;
        MinimumNoticeMinutes = minimumNoticeMinutes;
        BookingHorizonDays = bookingHorizonDays;
        ChangeCutoffMinutes = Guard.NotNegative(changeCutoffMinutes, nameof(ChangeCutoffMinutes));
        Version++;
    }

    public SchedulingPolicy ToPolicy() =>
        ToPolicyWith(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId), SlotMinutes, MinimumNoticeMinutes, BookingHorizonDays);

    private static SchedulingPolicy ToPolicyWith(TimeZoneInfo zone, int slotMinutes, int noticeMinutes, int horizonDays) =>
        new(zone, slotMinutes, TimeSpan.FromMinutes(noticeMinutes), horizonDays);
}
