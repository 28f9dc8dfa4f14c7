using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Application.Identity;

internal static class IdentityRegistration
{
    /// <summary>Needs <see cref="AuthOptions"/> registered as a singleton value (the WebApi binds and validates it).</summary>
    public static IServiceCollection AddCustomerIdentity(this IServiceCollection services)
    {
        services.AddSingleton<OtpHasher>();
        services.AddScoped<SessionAuthenticator>();
        return services;
    }
}
