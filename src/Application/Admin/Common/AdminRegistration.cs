using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application.Admin.Common;

public static class AdminRegistration
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<AdminAuditLog>();
        services.AddScoped<AvailabilityInvalidator>();
        return services;
    }
}
