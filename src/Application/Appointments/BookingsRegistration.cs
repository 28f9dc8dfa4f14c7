using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application.Appointments;

internal static class BookingsRegistration
{
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        services.AddScoped<AppointmentAccess>();
        services.AddScoped<BookingAftermath>();
        return services;
    }
}
