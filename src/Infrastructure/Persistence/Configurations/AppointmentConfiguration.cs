using AppointEase.Domain.Appointments;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Persistence.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments");
        builder.Property(a => a.Reference).HasMaxLength(20).IsRequired();
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.CustomerName).HasMaxLength(Appointment.MaxNameLength).IsRequired();
        builder.Property(a => a.CustomerEmail).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.Property(a => a.CustomerPhone).HasMaxLength(Appointment.MaxPhoneLength);
        builder.Property(a => a.Notes).HasMaxLength(Appointment.MaxNotesLength);
        builder.Property(a => a.ManageTokenHash).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        // Rows from before locales existed are English, which is what their emails were.
        builder.Property(a => a.Locale).HasMaxLength(8).IsRequired().HasDefaultValue(Appointment.DefaultLocale);
        // Every change bumps Sequence, so two concurrent changes of one appointment cannot both save.
        builder.Property(a => a.Sequence).IsConcurrencyToken();
        builder.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.EmployeeId, a.StartUtc });
        builder.HasIndex(a => new { a.CustomerEmail, a.StartUtc });
        builder.HasIndex(a => new { a.StartUtc, a.Id });
        builder.OwnsMany(a => a.History, h =>
        {
            h.ToTable("appointment_reschedules");
            h.WithOwner().HasForeignKey("appointment_id");
            h.Property<int>("id");
            h.HasKey("id");
        });
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
