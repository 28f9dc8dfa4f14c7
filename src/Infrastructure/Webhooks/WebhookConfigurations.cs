using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppointEase.Infrastructure.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength).IsRequired();
        builder.Property(e => e.EventTypes).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Secret).HasMaxLength(100).IsRequired();
        builder.Ignore(e => e.Events);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.EventType).HasMaxLength(64).IsRequired();
        builder.Property(d => d.MessageId).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.MessageId).IsUnique();
        builder.Property(d => d.PayloadJson).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        // The sweep reads due pending rows; the admin log reads one endpoint's newest.
        builder.HasIndex(d => new { d.Status, d.NextAttemptUtc });
        builder.HasIndex(d => new { d.EndpointId, d.Id });
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("webhook_delivery_attempts");
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.MaxExcerptLength);
        builder.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookDeliveryAttempt.MaxExcerptLength);
        builder.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.DeliveryId);
    }
}

internal sealed class StaffCalendarFeedConfiguration : IEntityTypeConfiguration<StaffCalendarFeed>
{
    public void Configure(EntityTypeBuilder<StaffCalendarFeed> builder)
    {
        builder.ToTable("staff_calendar_feeds");
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => f.EmployeeId);
        builder.HasOne<Employee>().WithMany().HasForeignKey(f => f.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
