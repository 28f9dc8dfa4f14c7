using AppointEase.Application.Common.Behaviors;
using AppointEase.WebApi.Endpoints;
using AppointEase.WebApi.Infrastructure;
using AppointEase.WebApi.Infrastructure.AdminAuth;
using AppointEase.WebApi.Infrastructure.Logging;
using AppointEase.WebApi.Infrastructure.SlotStreams;
using AppointEase.WebApi.Infrastructure.Telemetry;
using AppointEase.WebApi.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace AppointEase.WebApi;

public static class DependencyInjection
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            // Transient, not scoped: a request sends one message, so a handler and its behaviours are built once either
            // way, but scoped ones are also kept in the request scope's dictionary, which grows (and reallocates) with
            // every entry: ~1 KB of a heartbeat's 11 KB. Their own scoped dependencies (DbContext, current user) are
            // still one per request. Decision 150.
            options.ServiceLifetime = ServiceLifetime.Transient;
            options.Assemblies = [typeof(AppointEase.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(TracingBehavior<,>),
                typeof(UnhandledExceptionBehavior<,>),
                typeof(LoggingBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(TransactionBehavior<,>),
            ];
        });

        services.AddStructuredLogging(environment);
        services.AddTelemetry(configuration);
        services.AddHttpContextAccessor();
        services.AddSecurity(environment);
        services.AddScoped<AppointEase.Application.Common.Interfaces.ICurrentUser, HttpCurrentUser>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            ProblemDetailsDefaults.Customize(context);
            BadRequestExceptionHandler.NameBodyOnUnsupportedMediaType(context);
            BadRequestExceptionHandler.NameFieldOnBareBadRequest(context);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.MaxDepth = 16;
            HeartbeatJsonContext.AddTo(o.SerializerOptions);
        });
        services.AddSingleton(new HeartbeatBody());
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.AddAdminKeyAuthentication(configuration);
        services.AddShutdownDrain();
        services.AddSingleton<ReadinessTransitions>();
        services.AddLogging(logging => logging.AddFilter(ReadinessTransitions.HealthServiceCategory, LogLevel.None));
        services.AddAppointEaseOpenApi();
        services.AddSlotStreams();
        return services;
    }

    public static WebApplication UseWebApi(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseSecurity();
        app.UseWidget();
        return app;
    }

    public static WebApplication MapWebApiEndpoints(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExposureOptions>>().Value.PublishApiReference == true)
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }
        app.MapHealthEndpoints();
        app.MapTelemetry();
        app.MapJobsDashboard();
        app.MapWidget();
        var api = app.MapGroup("/api/v1");
        api.MapCatalogueEndpoints();
        api.MapAvailabilityEndpoints();
        api.MapSlotEndpoints();
        api.MapAdminEndpoints();
        api.MapAppointmentEndpoints();
        api.MapAuthEndpoints();
        api.MapStaffCalendarEndpoints();
        return app;
    }
}
