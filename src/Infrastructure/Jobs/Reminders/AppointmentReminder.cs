using AppointEase.Domain.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Jobs.Reminders;

/// <summary>
/// The exactly-once guard for reminders: one row per (appointment, kind, start time), unique in the schema. Whoever
/// inserts it queues the mail in the same transaction; everyone else hits the unique key and moves on. The start
/// time is part of the key so a rescheduled appointment is reminded of its new time.
/// </summary>
public sealed class AppointmentReminder
{
    public const string DayBefore = "day-before";

    public long Id { get; set; }
    public int AppointmentId { get; set; }
    public string Kind { get; set; } = DayBefore;
    public DateTime AppointmentStartUtc { get; set; }
    public DateTime QueuedUtc { get; set; }
}

internal sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> builder)
    {
        builder.ToTable("appointment_reminders");
        builder.Property(r => r.Kind).HasMaxLength(16).IsRequired();
        builder.HasIndex(r => new { r.AppointmentId, r.Kind, r.AppointmentStartUtc }).IsUnique();
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
