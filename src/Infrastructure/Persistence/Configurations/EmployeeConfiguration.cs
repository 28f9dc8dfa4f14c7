using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Persistence.Configurations;

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> builder)
    {
        builder.ToTable("employees");
        builder.Property(e => e.Name).HasMaxLength(Employee.MaxNameLength).IsRequired();
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasMany(e => e.Services).WithMany()
            .UsingEntity("employee_services",
                r => r.HasOne(typeof(Service)).WithMany().HasForeignKey("service_id"),
                l => l.HasOne(typeof(Employee)).WithMany().HasForeignKey("employee_id"));
        builder.Navigation(e => e.Services).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.WorkingHours).WithOne().HasForeignKey(h => h.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.WorkingHours).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
