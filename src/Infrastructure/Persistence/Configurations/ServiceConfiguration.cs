using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.Property(s => s.Name).HasMaxLength(Service.MaxNameLength).IsRequired();
        builder.Property(s => s.Price).HasPrecision(10, 2);
        builder.HasIndex(s => s.IsActive);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
