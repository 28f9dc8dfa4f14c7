using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.RateLimiting;

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounterRow>
{
    public void Configure(EntityTypeBuilder<RateLimitCounterRow> builder)
    {
        builder.ToTable("rate_limit_counters");
        builder.Property(r => r.Bucket).HasMaxLength(RateLimitBuckets.MaxLength).IsRequired();
        builder.HasIndex(r => new { r.Bucket, r.WindowStartUtc }).IsUnique();
        builder.HasIndex(r => r.ExpiresUtc);
    }
}
