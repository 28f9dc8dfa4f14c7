using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Email;

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("email_outbox");
        builder.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        builder.Property(e => e.To).HasMaxLength(254).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(300).IsRequired();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.LastError).HasMaxLength(1000);
        builder.HasIndex(e => new { e.Status, e.NextAttemptUtc });
        // The sent-mail purge (every 15 min) reads Sent rows by age: a range scan instead of every Sent row.
        builder.HasIndex(e => new { e.Status, e.SentUtc });
    }
}
