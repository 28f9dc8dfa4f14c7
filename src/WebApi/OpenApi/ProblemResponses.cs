using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// Every error an operation can answer, as application/problem+json with the <c>code</c>s it carries there (an enum per
/// operation and status, so a generated client can switch on it). Specific codes come from
/// <see cref="OperationCatalogue"/>; the generic answers from what applies to the operation: 400 when it binds
/// parameters or a body, 413 with a body, 422 validation, 429 with a rate limit, 401/403 with credentials, 412/428 with
/// If-Match, and 503 everywhere (any operation may find the database unreachable).
/// </summary>
internal static class ProblemResponses
{
    public const string Schema = "ProblemDetails";
    public const string MediaType = "application/problem+json";

    public static void Apply(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Schema] = ProblemSchema();

        foreach (var (_, _, operation, contract) in OpenApiSetup.Operations(document))
        {
            if (contract is null) continue;
            operation.Responses ??= new OpenApiResponses();
            var binds = operation.RequestBody is not null
                        || operation.Parameters?.Any(p => p.In is ParameterLocation.Query or ParameterLocation.Path) == true;
            var problems = new SortedDictionary<int, (string Description, string[] Codes)>();
            foreach (var (status, codes) in contract.Problems)
                problems[status] = (Describe(status), codes);
            if (binds) problems.TryAdd(422, (Describe(422), []));
            if (operation.RequestBody is not null || operation.Parameters?.Any(p => p.In is ParameterLocation.Query or ParameterLocation.Path) == true)
                problems[400] = ("The request could not be read: malformed JSON or a parameter of the wrong type; errors names the field.", []);
            if (operation.RequestBody is not null)
            {
                problems[413] = ("The request body is larger than 64 KB.", []);
                problems[415] = ("The body is not application/json; errors names body.", []);
            }
            if (contract.RateLimited)
                problems[429] = ("Rate limited: wait at least Retry-After seconds before the next request.",
                    ["rate_limited", .. contract.Problems.GetValueOrDefault(429, [])]);
            if (contract.Conditional)
            {
                problems[412] = ("If-Match is not the current ETag (someone else changed it): reload and retry.", ["stale_version"]);
                problems[428] = ("If-Match is missing.", ["if_match_required"]);
            }
            switch (contract.Access)
            {
                case Access.Admin:
                    problems[401] = ("Missing or wrong admin key.", ["admin_key_required"]);
                    problems[403] = ("The key may not use the admin API.", ["admin_forbidden"]);
                    break;
                case Access.Customer:
                    problems[401] = ("No customer session, or the token is invalid, expired or signed out.", []);
                    break;
            }
            problems[503] = contract.Problems.TryGetValue(503, out var busy)
                ? ("The database is unreachable (no code), or the instance refuses for now (code); retry after Retry-After seconds.", busy)
                : ("The database is unreachable; nothing was saved. Retry after Retry-After seconds.", []);

            foreach (var (status, (description, codes)) in problems)
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Response(document, description, codes);
        }
    }

    private static string Describe(int status) => status switch
    {
        403 => "Forbidden.",
        404 => "Not found (or not yours to see).",
        409 => "Conflict with the current state.",
        422 => "Validation failed; errors names the fields.",
        _ => "Problem.",
    };

    private static OpenApiResponse Response(OpenApiDocument document, string description, string[] codes)
    {
        IOpenApiSchema schema = new OpenApiSchemaReference(Schema, document);
        if (codes.Length > 0)
            schema = new OpenApiSchema
            {
                AllOf =
                [
                    schema,
                    new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList() },
                        },
                    },
                ],
            };
        return new OpenApiResponse
        {
            Description = codes.Length > 0 ? $"{description} code: {string.Join(", ", codes)}." : description,
            Content = new Dictionary<string, OpenApiMediaType> { [MediaType] = new() { Schema = schema } },
        };
    }

    /// <summary>RFC 9457 fields plus the extensions this API writes (ProblemDetailsDefaults, ErrorResults).</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. `code` is the machine-readable reason (absent on generic validation, 400, 413, 503).",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", Description = "Problem type URI." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Human-readable explanation (English)." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request path." },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it to support." },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z]+(_[a-z]+)*$", Description = "Machine-readable reason; the values per response are listed there." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages by wire field name (e.g. customer.email, days[0].breaks[1].end).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["retryAfterSeconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Description = "Same as the Retry-After header (429)." },
        },
        Required = new HashSet<string> { "type", "title", "status" },
    };
}
