using AppointEase.Application.Appointments.ConfirmBooking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Bookings;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.Property(r => r.Key).HasMaxLength(ConfirmBookingValidator.MaxIdempotencyKeyLength).IsRequired();
        builder.HasIndex(r => r.Key).IsUnique();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Owner).HasMaxLength(32).IsRequired();
        builder.HasIndex(r => r.ExpiresUtc);
    }
}
