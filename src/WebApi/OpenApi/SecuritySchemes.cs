using AppointEase.WebApi.Infrastructure.AdminAuth;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>The four ways to authenticate and which operations accept which; public operations say <c>security: []</c>.</summary>
internal static class SecuritySchemes
{
    public const string AdminKey = AdminKeyDefaults.Scheme;
    public const string AdminBasic = "AdminBasic";
    public const string CustomerSession = "CustomerSession";
    public const string ManageToken = "ManageToken";

    public static void Apply(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [AdminKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = AdminKeyDefaults.HeaderName,
                Description = "Admin API key; configured as a SHA-256 hash under Admin:ApiKeys.",
            },
            [AdminBasic] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "basic",
                Description = "The admin key as the password of HTTP Basic (any user name); same keys as X-Admin-Key.",
            },
            [CustomerSession] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "opaque",
                Description = "Customer session: the token from POST /api/v1/auth/otp/verify, sent as Authorization: Bearer <token>.",
            },
            [ManageToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Manage-Token",
                Description = "The manageToken returned once by POST /api/v1/appointments (and in the emailed manage link).",
            },
        };

        foreach (var (_, _, operation, contract) in OpenApiSetup.Operations(document))
        {
            if (contract is null) continue;
            operation.Security = contract.Access switch
            {
                Access.Admin => [Requirement(document, AdminKey), Requirement(document, AdminBasic)],
                Access.Customer => [Requirement(document, CustomerSession)],
                Access.AppointmentHolder => [Requirement(document, ManageToken), Requirement(document, CustomerSession), Requirement(document, AdminKey)],
                _ => [],
            };
        }
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
