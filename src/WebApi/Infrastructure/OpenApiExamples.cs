using System.Text.Json;
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

    /// <summary>Copies each endpoint's <see cref="OpenApiExampleMetadata"/> into its request body and 2xx JSON responses.</summary>
    public static OpenApiOptions AddExamplesFromEndpointMetadata(this OpenApiOptions options) =>
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
}
