using AppointEase.Domain.Slots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.SlotState;

internal sealed class SlotLockRowConfiguration : IEntityTypeConfiguration<SlotLockRow>
{
    public void Configure(EntityTypeBuilder<SlotLockRow> builder)
    {
        builder.ToTable("slot_locks");
        builder.Property(l => l.OwnerClientId).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(l => l.Secret).HasMaxLength(LockToken.SecretHexLength).IsRequired();
        builder.HasIndex(l => new { l.SlotDate, l.EmployeeId, l.SlotTime }).IsUnique();
        builder.HasIndex(l => l.ExpiresUtc);
        builder.Property(l => l.HolderNetwork).HasMaxLength(HolderNetworkMaxLength);
        builder.HasIndex(l => new { l.HolderNetwork, l.ExpiresUtc });
    }

    /// <summary>The network key is a 32-hex-digit hash; room to spare.</summary>
    public const int HolderNetworkMaxLength = 64;
}

internal sealed class SlotSelectionRowConfiguration : IEntityTypeConfiguration<SlotSelectionRow>
{
    public void Configure(EntityTypeBuilder<SlotSelectionRow> builder)
    {
        builder.ToTable("slot_selections");
        builder.Property(s => s.ClientId).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.HasIndex(s => new { s.SlotDate, s.EmployeeId, s.ClientId }).IsUnique();
        builder.HasIndex(s => new { s.SlotDate, s.EmployeeId, s.ExpiresUtc });
        builder.HasIndex(s => s.ExpiresUtc);
    }
}
