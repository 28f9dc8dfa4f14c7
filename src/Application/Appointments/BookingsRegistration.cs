using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.Appointments.RescheduleAppointment;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application.Appointments;

internal static class BookingsRegistration
{
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        services.AddScoped<AppointmentAccess>();
        services.AddScoped<BookingAftermath>();
        services.AddScoped<AppointmentChanges>();
        services.AddScoped<AppointmentClaims>();
        services.AddScoped<BookingNotices>();
        services.AddScoped<BookingMailGate>();
        services.AddScoped<BookableSlotCheck>();
        services.AddScoped<BookingWriter>();
        services.AddScoped<BookingPlacement>();
        services.AddScoped<RescheduleSlotCheck>();
        return services;
    }
}
