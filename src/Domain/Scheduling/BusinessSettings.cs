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
        ChangeLiveState(DefaultSelectionTtlSeconds, DefaultLockTtlSeconds, DefaultHeartbeatIntervalMs);
    }

    public const int DefaultSelectionTtlSeconds = 10;
    public const int DefaultLockTtlSeconds = 600;
    public const int DefaultHeartbeatIntervalMs = 1000;

    public string BusinessName { get; private set; }
    /// <summary>IANA time zone id, e.g. Europe/Berlin.</summary>
    public string TimeZoneId { get; private set; }
    public int SlotMinutes { get; private set; }
    public int MinimumNoticeMinutes { get; private set; }
    public int BookingHorizonDays { get; private set; }
    /// <summary>Customers may not cancel or reschedule closer than this to the start.</summary>
    public int ChangeCutoffMinutes { get; private set; }
    /// <summary>How long a "someone is looking" mark lives without a heartbeat refreshing it.</summary>
    public int SelectionTtlSeconds { get; private set; }
    /// <summary>How long a checkout hold lives; long enough to type details, short enough not to block a slot for long.</summary>
    public int LockTtlSeconds { get; private set; }
    /// <summary>Suggested polling pace returned to clients.</summary>
    public int HeartbeatIntervalMs { get; private set; }
    public int Version { get; private set; }

    public void ChangeLiveState(int selectionTtlSeconds, int lockTtlSeconds, int heartbeatIntervalMs)
    {
        if (selectionTtlSeconds is < 1 or > 300) throw new DomainException("Selection TTL must be 1–300 seconds.");
        if (lockTtlSeconds is < 1 or > 3600) throw new DomainException("Lock TTL must be 1–3600 seconds.");
        if (heartbeatIntervalMs is < 250 or > 60_000) throw new DomainException("Heartbeat interval must be 250–60000 ms.");
        SelectionTtlSeconds = selectionTtlSeconds;
        LockTtlSeconds = lockTtlSeconds;
        HeartbeatIntervalMs = heartbeatIntervalMs;
        Version++;
    }

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

    /// <summary>Marks business-wide configuration changed (e.g. opening hours, kept in their own rows) for the concurrency check.</summary>
    public void Touch() => Version++;

    public SchedulingPolicy ToPolicy() =>
        ToPolicyWith(TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId), SlotMinutes, MinimumNoticeMinutes, BookingHorizonDays);

    private static SchedulingPolicy ToPolicyWith(TimeZoneInfo zone, int slotMinutes, int noticeMinutes, int horizonDays) =>
        new(zone, slotMinutes, TimeSpan.FromMinutes(noticeMinutes), horizonDays);
}
