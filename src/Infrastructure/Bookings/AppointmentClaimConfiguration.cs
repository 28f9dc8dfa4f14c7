using AppointEase.Domain.Appointments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Bookings;

internal sealed class AppointmentClaimConfiguration : IEntityTypeConfiguration<AppointmentClaim>
{
    public void Configure(EntityTypeBuilder<AppointmentClaim> builder)
    {
        builder.ToTable("appointment_claims");
        // The primary key is the guard: one row per (employee, cell), whichever appointment wants it.
        builder.HasKey(c => new { c.EmployeeId, c.CellStartUtc });
        builder.HasOne(c => c.Appointment).WithMany().HasForeignKey(c => c.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.AppointmentId);
    }
}
