using System.ComponentModel.DataAnnotations;

namespace AppointEase.Infrastructure.Options;

/// <summary>Section <c>Business</c>: the settings written when the database is first seeded (admins change them later).</summary>
public sealed class BusinessOptions
{
    public const string Section = "Business";

    [Required, MaxLength(120)]
    public string Name { get; set; } = "AppointEase Demo Studio";

    /// <summary>IANA time zone id.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Berlin";

    [Range(5, 60)]
    public int SlotMinutes { get; set; } = 30;

    [Range(0, 10_080)]
    public int MinimumNoticeMinutes { get; set; } = 60;

    [Range(1, 730)]
    public int BookingHorizonDays { get; set; } = 90;

    [Range(0, 10_080)]
    public int ChangeCutoffMinutes { get; set; } = 120;

    [Range(1, 300)]
    public int SelectionTtlSeconds { get; set; } = 10;

    [Range(1, 3600)]
    public int LockTtlSeconds { get; set; } = 600;

    [Range(250, 60_000)]
    public int HeartbeatIntervalMs { get; set; } = 1000;
}
