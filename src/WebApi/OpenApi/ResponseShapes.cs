using Microsoft.OpenApi;

namespace AppointEase.WebApi.OpenApi;

/// <summary>
/// Fixes what ASP.NET cannot infer from the handler's types: GET /availability answers one object for ?date= and an
/// array for ?from=&amp;to= (<c>Results&lt;Ok&lt;Day&gt;, Ok&lt;List&lt;Day&gt;&gt;&gt;</c>), but the generator keeps only the last.
/// </summary>
internal static class ResponseShapes
{
    public static void Apply(OpenApiDocument document)
    {
        // The audit's before/after are JsonElement: any JSON object, not the struct's own properties.
        if (document.Components?.Schemas?.ContainsKey("JsonElement") == true)
            document.Components.Schemas["JsonElement"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The resource's admin view as it was (before) or became (after) the change.",
                AdditionalProperties = new OpenApiSchema(),
            };
        foreach (var (_, _, operation, contract) in OpenApiSetup.Operations(document))
        {
            if (contract?.OperationId != "getAvailability" || operation.Responses?["200"].Content?["application/json"] is not { } media) continue;
            var day = new OpenApiSchemaReference("DayAvailabilityDto", document);
            media.Schema = new OpenApiSchema
            {
                Description = "One object for ?date=, an array (one per day, in order) for ?from=&to=.",
                OneOf = [day, new OpenApiSchema { Type = JsonSchemaType.Array, Items = day }],
            };
        }
    }
}
