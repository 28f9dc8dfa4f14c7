using AppointEase.WebApi.Infrastructure;
using Microsoft.AspNetCore.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// The OpenAPI document is the product for frontend teams (decision 088): every operation has a stable operationId,
/// its problems with their codes, its protocol headers, security and examples. Each concern is one transformer here;
/// they run after the endpoints' own metadata (summaries, <c>WithExamples</c>) has been applied.
/// </summary>
internal static class OpenApiSetup
{
    public static IServiceCollection AddAppointEaseOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddExamplesFromEndpointMetadata()
            .AddDocumentTransformer(WebhookDocs.ApplyAsync)
            .AddDocumentTransformer((document, _, _) =>
            {
                DocumentInfo.Apply(document);
                foreach (var (_, _, operation, contract) in Operations(document))
                    operation.OperationId ??= contract?.OperationId;
                SecuritySchemes.Apply(document);
                ProblemResponses.Apply(document);
                ProtocolHeaders.Apply(document);
                ResponseShapes.Apply(document);
                SchemaConstraints.Apply(document);
                OperationExamples.Apply(document);
                return Task.CompletedTask;
            }));

    /// <summary>Every operation of the document with its catalogue entry (null when an endpoint is missing from it).</summary>
    internal static IEnumerable<(string Path, HttpMethod Method, Microsoft.OpenApi.OpenApiOperation Operation, OperationContract? Contract)> Operations(
        Microsoft.OpenApi.OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is null) continue;
            foreach (var (method, operation) in item.Operations)
                yield return (path, method, operation, OperationCatalogue.Operations.GetValueOrDefault($"{method.Method.ToUpperInvariant()} {path}"));
        }
    }
}
