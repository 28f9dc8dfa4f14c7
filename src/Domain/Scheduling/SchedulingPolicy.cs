using AppointEase.Domain.Common;

namespace AppointEase.Domain.Scheduling;

/// <summary>The business-wide rules that shape which slots are offered.</summary>
public sealed record SchedulingPolicy
{
    public static readonly int[] AllowedGridMinutes = [5, 10, 15, 20, 30, 60];

    public SchedulingPolicy(TimeZoneInfo timeZone, int slotMinutes, TimeSpan minimumNotice, int bookingHorizonDays)
    {
        if (!AllowedGridMinutes.Contains(slotMinutes))
            throw new DomainException($"Slot grid must be one of {string.Join(", ", AllowedGridMinutes)} minutes.");
        if (minimumNotice < TimeSpan.Zero) throw new DomainException("Minimum notice must not be negative.");
        TimeZone = timeZone;
        SlotMinutes = slotMinutes;
        MinimumNotice = minimumNotice;
        BookingHorizonDays = Guard.Positive(bookingHorizonDays, nameof(BookingHorizonDays));
    }

    public TimeZoneInfo TimeZone { get; }
    public int SlotMinutes { get; }
    public TimeSpan MinimumNotice { get; }
    public int BookingHorizonDays { get; }

    /// <summary>What a hold or the heartbeat checks a start against when no service is known: one grid step, no buffers.</summary>
    public ServiceFootprint OneGridStep => new(SlotMinutes, 0, 0);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    public DateOnly LastBookableDate(DateTimeOffset now) => Today(now).AddDays(BookingHorizonDays);

    public bool IsOnGrid(TimeOnly time) => (time.Hour * 60 + time.Minute) % SlotMinutes == 0 && time.Second == 0;

    /// <summary>
    /// The UTC instant of a local wall-clock time, or null when that time does not exist (spring-forward gap).
    /// Ambiguous fall-back times resolve to their first occurrence (the daylight one), so "01:30" means one instant.
    /// </summary>
    public DateTime? ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local)) return null;
        if (TimeZone.IsAmbiguousTime(local))
        {
            var offsets = TimeZone.GetAmbiguousTimeOffsets(local);
            var largest = offsets.Max();
            return DateTime.SpecifyKind(local - largest, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    /// <summary>The UTC instant at which the local day starts plus the given minutes, skipping over a DST gap.</summary>
    public DateTime MinuteToUtc(DateOnly date, int minuteOfDay)
    {
        if (minuteOfDay >= 24 * 60)
            return MinuteToUtc(date.AddDays(1), minuteOfDay - 24 * 60);
        var time = new TimeOnly(minuteOfDay / 60, minuteOfDay % 60);
        var utc = ToUtc(date, time);
        if (utc is not null) return utc.Value;
        // Inside a spring-forward gap the wall clock jumps; the first valid minute after it is the real boundary.
        for (var m = minuteOfDay + 1; ; m++)
        {
            var after = m >= 24 * 60 ? (DateTime?)MinuteToUtc(date.AddDays(1), m - 24 * 60) : ToUtc(date, new TimeOnly(m / 60, m % 60));
            if (after is not null) return after.Value;
        }
    }

    public DateTimeOffset ToLocal(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), TimeZone);
}
