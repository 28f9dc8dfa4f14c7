using System.Text.Json;
using AppointEase.WebApi.Infrastructure.AdminAuth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>Endpoint metadata carrying example payloads, copied into the OpenAPI document by <see cref="OpenApiExamples"/>.</summary>
internal sealed record OpenApiExampleMetadata(object? Request, object? Response);

internal static class OpenApiExamples
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, object? request = null, object? response = null) =>
        builder.WithMetadata(new OpenApiExampleMetadata(request, response));

    public static OpenApiOptions AddExamplesAndAdminSecurity(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            var example = context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExampleMetadata>().LastOrDefault();
            if (example is null) return Task.CompletedTask;
            if (example.Request is not null && operation.RequestBody?.Content is { } requestContent)
                foreach (var media in requestContent.Values)
                    media.Example = JsonSerializer.SerializeToNode(example.Request, example.Request.GetType(), Json);
            if (example.Response is not null && operation.Responses is { } responses)
                foreach (var (status, response) in responses)
                    if (status.StartsWith('2') && response.Content is { } content)
                        foreach (var media in content.Values)
                            media.Example = JsonSerializer.SerializeToNode(example.Response, example.Response.GetType(), Json);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[AdminKeyDefaults.Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AdminKeyDefaults.HeaderName,
                Description = "Admin API key; configured as a SHA-256 hash under Admin:ApiKeys.",
            };
            foreach (var (path, item) in document.Paths)
            {
                if (!path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || item.Operations is null) continue;
                foreach (var (method, operation) in item.Operations)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AdminKeyDefaults.Scheme, document)] = [] });
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "Missing or wrong X-Admin-Key (problem+json)." });
                    operation.Responses.TryAdd("422", new OpenApiResponse { Description = "Invalid input; errors name the fields (problem+json)." });
                    var conditional = method == HttpMethod.Put || path.EndsWith("/deactivate", StringComparison.Ordinal);
                    if (!conditional) continue;
                    operation.Responses.TryAdd("412", new OpenApiResponse { Description = "If-Match is not the current ETag: reload and retry (problem+json)." });
                    operation.Responses.TryAdd("428", new OpenApiResponse { Description = "If-Match is missing (problem+json)." });
                }
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
