using System.Text.Json.Nodes;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>The JSON shape a field has in the OpenAPI document, with "null" folded into <see cref="Nullable"/>.</summary>
public enum FieldKind
{
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

/// <summary>One field of a request body (possibly nested), or one path/query/header parameter.</summary>
public sealed record ApiField(string Name, FieldKind Kind, bool Nullable, bool Required, IReadOnlyList<ApiField> Properties, ApiField? Items)
{
    /// <summary>Dates and times are plain strings in the document; their names say which (date, from, to / time, opens, closes, start, end).</summary>
    public bool LooksLikeDate => Kind == FieldKind.String && Name.ToLowerInvariant() is "date" or "from" or "to" || Name.EndsWith("Date", StringComparison.Ordinal);

    public bool LooksLikeTime => Kind == FieldKind.String && Name.ToLowerInvariant() is "time" or "opens" or "closes" or "start" or "end" or "selectedtime";
}

public sealed record ApiParameter(string Name, string In, ApiField Field);

/// <summary>One operation of the app's OpenAPI document: everything the hostile generator needs, nothing more.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, IReadOnlyList<ApiParameter> Parameters, ApiField? Body, string? SecurityHeader)
{
    public bool IsSafe => Method is "GET" or "HEAD";

    public override string ToString() => $"{Method} {PathTemplate}";

    /// <summary>
    /// Reads every operation from the document. Nothing here knows the app's endpoints: a new endpoint in the
    /// document is a new target. $refs are resolved; a schema that refers to itself stops at depth 4.
    /// </summary>
    public static IReadOnlyList<ApiOperation> Read(JsonNode document)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var securitySchemes = document["components"]?["securitySchemes"]?.AsObject();
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, node) in item!.AsObject())
        {
            if (node is not JsonObject operation) continue;
            var parameters = (operation["parameters"]?.AsArray() ?? [])
                .Select(p => new ApiParameter(
                    p!["name"]!.GetValue<string>(),
                    p["in"]!.GetValue<string>(),
                    Field(p["name"]!.GetValue<string>(), p["schema"], p["required"]?.GetValue<bool>() ?? false, schemas, 0)))
                .ToList();
            var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            var body = bodySchema is null ? null : Field("body", bodySchema, true, schemas, 0);
            string? securityHeader = null;
            foreach (var requirement in operation["security"]?.AsArray() ?? [])
            foreach (var (scheme, _) in requirement!.AsObject())
                if (securitySchemes?[scheme] is { } s && s["in"]?.GetValue<string>() == "header")
                    securityHeader = s["name"]!.GetValue<string>();
            operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, body, securityHeader));
        }
        return operations;
    }

    private static ApiField Field(string name, JsonNode? schema, bool required, JsonObject? schemas, int depth)
    {
        schema = Resolve(schema, schemas);
        var nullable = false;
        // oneOf [null, $ref] is how the generator writes a nullable object.
        if (schema?["oneOf"] is JsonArray oneOf)
        {
            nullable = oneOf.Any(s => s?["type"]?.GetValue<string>() == "null");
            schema = Resolve(oneOf.FirstOrDefault(s => s?["type"]?.GetValue<string>() != "null"), schemas);
        }
        var types = schema?["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => schema?["properties"] is not null ? ["object"] : new List<string> { "string" },
        };
        nullable |= types.Remove("null");
        var kind = types.Contains("integer") ? FieldKind.Integer
            : types.Contains("number") ? FieldKind.Number
            : types.Contains("boolean") ? FieldKind.Boolean
            : types.Contains("array") ? FieldKind.Array
            : types.Contains("object") ? FieldKind.Object
            : FieldKind.String;
        var requiredNames = schema?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var properties = kind == FieldKind.Object && depth < 4
            ? (schema?["properties"]?.AsObject() ?? []).Select(p => Field(p.Key, p.Value, requiredNames.Contains(p.Key), schemas, depth + 1)).ToList()
            : [];
        var items = kind == FieldKind.Array && depth < 4 ? Field(name, schema?["items"], true, schemas, depth + 1) : null;
        return new ApiField(name, kind, nullable, required, properties, items);
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? schemas?[reference["#/components/schemas/".Length..]]
            : schema;
}
