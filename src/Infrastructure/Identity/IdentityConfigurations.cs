using AppointEase.Domain.Common;
using AppointEase.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Identity;

internal sealed class OtpChallengeConfiguration : IEntityTypeConfiguration<OtpChallenge>
{
    public void Configure(EntityTypeBuilder<OtpChallenge> builder)
    {
        builder.ToTable("otp_challenges");
        builder.Property(c => c.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.Property(c => c.CodeHash).HasMaxLength(OtpChallenge.HashBytes).IsRequired();
        builder.HasIndex(c => new { c.Email, c.ConsumedUtc });
        builder.HasIndex(c => c.ExpiresUtc);
    }
}

internal sealed class CustomerSessionConfiguration : IEntityTypeConfiguration<CustomerSession>
{
    public void Configure(EntityTypeBuilder<CustomerSession> builder)
    {
        builder.ToTable("customer_sessions");
        builder.Property(s => s.TokenHash).HasMaxLength(CustomerSession.TokenHashHexLength).IsFixedLength().IsRequired();
        builder.Property(s => s.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.Email);
        builder.HasIndex(s => s.ExpiresUtc);
    }
}
