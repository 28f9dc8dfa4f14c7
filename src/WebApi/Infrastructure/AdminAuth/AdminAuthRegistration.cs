using AppointEase.Infrastructure.Options;
using Microsoft.AspNetCore.Authentication;

namespace AppointEase.WebApi.Infrastructure.AdminAuth;

internal static class AdminAuthRegistration
{
    /// <summary>
    /// Adds the AdminKey scheme and the Admin policy additively: no default scheme is set here, so the customer
    /// session scheme (the default) and this one coexist; admin endpoints name this scheme through the policy.
    /// </summary>
    public static IServiceCollection AddAdminKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminKeyOptions>().Bind(configuration.GetSection(AdminKeyOptions.Section)).ValidateDataAnnotationsByKey(AdminKeyOptions.Section).ValidateOnStart();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyDefaults.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(AdminKeyDefaults.Policy, policy => policy
            .AddAuthenticationSchemes(AdminKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireRole(HttpCurrentUser.AdminRole));
        return services;
    }
}
