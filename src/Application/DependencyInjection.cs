using AppointEase.Application.Admin.Common;
using AppointEase.Application.Appointments;
using AppointEase.Application.Availability;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Application.Identity;
using AppointEase.Application.Slots;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.Webhooks;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application;

public static class DependencyInjection
{
    /// <summary>Application services except the mediator itself, which the outermost project generates and registers.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddSingleton<AppointEaseMetrics>();
        services.AddScoped(sp => new Lazy<IAppDbContext>(sp.GetRequiredService<IAppDbContext>));
        // Transient, not scoped: they keep no state, and each scoped service a request resolves is also kept in the
        // scope's dictionary, which grows and reallocates (~5 % of a heartbeat's bytes; decisions 150 and 154).
        services.AddTransient<ScheduleReader>();
        services.AddTransient<AvailabilityCalculator>();
        services.AddTransient<SlotGuard>();
        services.AddTransient<HeartbeatDayReader>();
        services.AddTransient<DayBookings>();
        services.AddSingleton<SharedDayBookingsReads>();
        services.AddSingleton<SnapshotDayPlans>();
        services.AddAdmin();
        services.AddBookings();
        services.AddCustomerIdentity();
        services.AddWebhooks();
        return services;
    }
}
