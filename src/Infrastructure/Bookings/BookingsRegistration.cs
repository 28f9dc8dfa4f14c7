using AppointEase.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.Bookings;

internal static class BookingsRegistration
{
    public static IServiceCollection AddBookings(this IServiceCollection services)
    {
        services.AddScoped<IIdempotencyStore, SqlIdempotencyStore>();
        services.AddScoped<IPersistenceErrors, PersistenceErrors>();
        services.AddSingleton<IBookingEmailComposer, BookingEmailComposer>();
        services.AddSingleton<IStaffCalendarWriter, StaffCalendarWriter>();
        services.AddSingleton<IExpiredDataPurger, IdempotencyKeyPurger>();
        return services;
    }
}
