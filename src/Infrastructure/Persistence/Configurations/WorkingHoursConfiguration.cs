using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Persistence.Configurations;

internal sealed class BusinessHoursConfiguration : IEntityTypeConfiguration<BusinessHours>
{
    public void Configure(EntityTypeBuilder<BusinessHours> builder)
    {
        builder.ToTable("business_hours");
        builder.HasIndex(h => h.Day).IsUnique();
        builder.OwnsMany(h => h.Breaks, b =>
        {
            b.ToTable("business_hour_breaks");
            b.WithOwner().HasForeignKey("business_hours_id");
            b.Property<int>("id");
            b.HasKey("id");
        });
        builder.Navigation(h => h.Breaks).AutoInclude();
    }
}

internal sealed class EmployeeWorkingHoursConfiguration : IEntityTypeConfiguration<EmployeeWorkingHours>
{
    public void Configure(EntityTypeBuilder<EmployeeWorkingHours> builder)
    {
        builder.ToTable("employee_working_hours");
        builder.HasIndex(h => new { h.EmployeeId, h.Day }).IsUnique();
        builder.OwnsMany(h => h.Breaks, b =>
        {
            b.ToTable("employee_hour_breaks");
            b.WithOwner().HasForeignKey("employee_working_hours_id");
            b.Property<int>("id");
            b.HasKey("id");
        });
        builder.Navigation(h => h.Breaks).AutoInclude();
    }
}

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> builder)
    {
        builder.ToTable("closures");
        builder.Property(c => c.Reason).HasMaxLength(Closure.MaxReasonLength).IsRequired();
        builder.HasIndex(c => c.Date).IsUnique();
    }
}

internal sealed class EmployeeTimeOffConfiguration : IEntityTypeConfiguration<EmployeeTimeOff>
{
    public void Configure(EntityTypeBuilder<EmployeeTimeOff> builder)
    {
        builder.ToTable("employee_time_off");
        builder.Property(t => t.Reason).HasMaxLength(200);
        builder.HasOne<Employee>().WithMany().HasForeignKey(t => t.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.EmployeeId, t.From, t.To });
    }
}
