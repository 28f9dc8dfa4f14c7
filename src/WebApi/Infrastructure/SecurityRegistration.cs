using AppointEase.Infrastructure.Options;
using System.Security.Cryptography;
using AppointEase.Application.Identity;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>Customer sessions, rate-limit options, trusted proxies, CORS and browser-facing hardening: one registration, one pipeline step.</summary>
internal static class SecurityRegistration
{
    /// <summary>
    /// Response headers the embedded widget on another origin must be able to read: the heartbeat's ETag (to send
    /// If-None-Match and get 304s), the booking replay marker, Retry-After on 429/503, Location of a created booking,
    /// and the rate-limit headers (IETF draft names and the common X- names).
    /// </summary>
    public static readonly string[] ExposedHeaders =
    [
        "ETag", "Idempotent-Replayed", "Retry-After", "Location",
        "RateLimit", "RateLimit-Policy", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
        "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
    ];

    public static IServiceCollection AddSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        var relaxed = IsDevelopmentOrTesting(environment);
        // Dev/Test only: a per-process key. Codes then die with the process and do not verify on another instance,
        // which is why every other environment must configure Auth:OtpSecret (the same on all instances).
        var processSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .PostConfigure(o => { if (relaxed && string.IsNullOrEmpty(o.OtpSecret)) o.OtpSecret = processSecret; })
            .ValidateDataAnnotationsByKey(AuthOptions.Section)
            .Validate(o => !string.IsNullOrEmpty(o.OtpSecret),
                $"Auth:OtpSecret is required outside Development/Testing: at least {AuthOptions.MinSecretLength} random characters, the same on every instance.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.All().All(p => p.IsValid), "Every RateLimits:*:PermitLimit must be 1..1000000 and WindowSeconds 1..86400.")
            .ValidateOnStart();
        // The heartbeat counts its limit inside the slot store's own call, so Application gets the rule, not the filter.
        services.AddSingleton(sp => new HeartbeatRateLimit(
            sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.Rule(RateLimitNames.HeartbeatPerClient)));
        services.AddSingleton(sp => new AppointEase.Application.Appointments.ConfirmBooking.BookingMailLimit(
            sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.Rule(RateLimitNames.BookingMailPerUnverifiedRecipient)));
        services.AddTrustedProxies();
        services.AddOptions<HoldOptions>().BindConfiguration(HoldOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.PerClient <= o.PerNetwork, "Holds:PerClient must not exceed Holds:PerNetwork.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var holds = sp.GetRequiredService<IOptions<HoldOptions>>().Value;
            return new AppointEase.Application.Slots.LockSlot.SlotHoldLimits(holds.PerClient, holds.PerNetwork);
        });
        services.AddScoped<AppointEase.Application.Common.Interfaces.IRequestOrigin, HttpRequestOrigin>();

        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = AuthSchemes.SessionOrAdminKey;
                o.DefaultChallengeScheme = AuthSchemes.Session;
                o.DefaultForbidScheme = AuthSchemes.Session;
            })
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(AuthSchemes.Session, null)
            // An admin key on a public endpoint (e.g. cancelling any appointment) makes the caller an admin there too;
            // without one the caller is whoever their session says.
            .AddPolicyScheme(AuthSchemes.SessionOrAdminKey, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(AdminAuth.AdminKeyDefaults.HeaderName) ? AdminAuth.AdminKeyDefaults.Scheme : AuthSchemes.Session);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Customer, policy => policy
                .AddAuthenticationSchemes(AuthSchemes.Session)
                .RequireAuthenticatedUser()
                .RequireClaim(HttpCurrentUser.CustomerEmailClaim));

        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.Section)
            .Validate(o => o.AllowedOrigins.All(CorsSettings.IsOrigin), "Cors:AllowedOrigins entries must be origins like https://shop.example.com (scheme, host, optional port; no path or trailing slash).")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsSettings>>((cors, settings) => cors.AddDefaultPolicy(policy =>
            {
                if (settings.Value.AllowedOrigins.Length == 0) return;
                policy.WithOrigins(settings.Value.AllowedOrigins)
                    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
                    .AllowAnyHeader()
                    .WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));

        services.AddOptions<ExposureOptions>().BindConfiguration(ExposureOptions.Section)
            .PostConfigure(o => o.ApplyDefaults(relaxed));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Hangfire's dashboard renders and checks this token on its own POSTs once IAntiforgery is registered
        // (decision 085); the API's JSON endpoints do not use it (no cookies, bearer and admin-key headers only).
        services.AddAntiforgery(o => o.Cookie.Path = JobsDashboard.Path);
        return services;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!IsDevelopmentOrTesting(app.Environment))
        {
            app.UseHsts();
            // Redirects only when the app knows its HTTPS port (https_port or an HTTPS binding); the bound addresses
            // exist only once the server has started, hence the lazy look-up on the first request. Health probes are
            // never redirected: a load balancer probing over plain HTTP must see 200/503, not 307 (decision 083).
            var httpsPortKnown = new Lazy<bool>(() => HttpsPort.IsKnown(app.Services));
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health") && httpsPortKnown.Value,
                branch => branch.UseHttpsRedirection());
        }
        app.UseMiddleware<RequireHttpsForCredentialsMiddleware>();
        app.UseCors();
        app.UseDashboardSameOrigin();
        app.UseCredentialAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
