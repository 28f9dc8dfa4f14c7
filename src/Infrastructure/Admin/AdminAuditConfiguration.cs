using AppointEase.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Admin;

internal sealed class AdminAuditConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("admin_audit");
        builder.Property(a => a.KeyId).HasMaxLength(AdminAuditEntry.MaxKeyIdLength).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(AdminAuditEntry.MaxActionLength).IsRequired();
        builder.Property(a => a.Entity).HasMaxLength(AdminAuditEntry.MaxEntityLength).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(AdminAuditEntry.MaxEntityIdLength).IsRequired();
        // Before/after snapshots stay unbounded (longtext on MariaDB): a whole employee with a week of hours is large.
        builder.HasIndex(a => new { a.Entity, a.EntityId, a.Id });
    }
}
