using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Every 429 an endpoint declares (<c>.ProducesProblem(429)</c>) is documented with its Retry-After header, so a client
/// generated from the document knows to wait instead of retrying at once. The header itself is written by
/// <see cref="ProblemDetailsDefaults.Customize"/> from the problem's <c>retryAfterSeconds</c>.
/// </summary>
internal static class OpenApiRetryAfter
{
    public static OpenApiOptions AddRetryAfterOnTooManyRequests(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("429", out var response) != true || response is not OpenApiResponse tooMany)
                return Task.CompletedTask;
            tooMany.Description = "Rate limited (problem+json, code rate_limited): wait at least Retry-After seconds before the next request.";
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before the next request (also in the problem as retryAfterSeconds).",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
            return Task.CompletedTask;
        });
}
