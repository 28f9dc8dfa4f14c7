using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace AppointEase.WebApi.IntegrationTests.Contract;

/// <summary>
/// Checks one response against the committed OpenAPI document: the status is documented for the operation, the
/// protocol headers it sends are documented (and the documented required ones are sent), the content type is one the
/// response declares, and a JSON body validates against its schema with formats checked and component objects closed
/// (<c>unevaluatedProperties: false</c>), so an undocumented field fails too.
/// </summary>
internal sealed class OpenApiResponseContract
{
    private static readonly Uri BaseUri = new("https://contract.appointease.test/openapi.json");
    private static readonly string[] ProtocolHeaders =
        ["ETag", "Location", "Retry-After", "Idempotent-Replayed", "WWW-Authenticate", "Content-Disposition", "Deprecation", "Sunset"];
    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };

    public static OpenApiResponseContract Instance { get; } = new(File.ReadAllText(RepoFiles.OpenApiSnapshot));

    private readonly JsonNode _document;
    private readonly List<(string Method, Regex Path, int Parameters, JsonNode Operation)> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private OpenApiResponseContract(string json)
    {
        _document = JsonNode.Parse(json)!;
        foreach (var (_, schema) in _document["components"]?["schemas"]?.AsObject() ?? [])
            if (schema is JsonObject o && o["properties"] is not null && o["additionalProperties"] is null)
                o["unevaluatedProperties"] = false;
        var element = JsonSerializer.SerializeToElement(_document);
        SchemaRegistry.Global.Register(BaseUri, new JsonElementBaseDocument(element, BaseUri));
        foreach (var (path, item) in _document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var pattern = "^" + Regex.Replace(Regex.Escape(path), @"\\\{[^}]+\}", "[^/]+") + "$";
                _operations.Add((method.ToUpperInvariant(), new Regex(pattern, RegexOptions.CultureInvariant), path.Count(c => c == '{'), operation!));
            }
    }

    /// <summary>The documented operation for a request, or null when the path is not in the document (widget, health, 404 routes).</summary>
    public JsonNode? Find(string method, string path) =>
        _operations.Where(o => o.Method == method && o.Path.IsMatch(path)).OrderBy(o => o.Parameters).Select(o => o.Operation).FirstOrDefault();

    public List<string> Check(JsonNode operation, int status, IReadOnlyDictionary<string, string> headers, string? contentType, byte[] body)
    {
        var problems = new List<string>();
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        if (response is null)
        {
            problems.Add($"status {status} is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})");
            return problems;
        }
        var documentedHeaders = response["headers"]?.AsObject() ?? [];
        foreach (var name in ProtocolHeaders)
            if (headers.ContainsKey(name) && !documentedHeaders.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"header {name} is sent but not documented for {status}");
        foreach (var name in headers.Keys.Where(h => h.StartsWith("RateLimit", StringComparison.OrdinalIgnoreCase) || h.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase)))
            if (!documentedHeaders.Any(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"header {name} is sent but not documented for {status}");
        foreach (var (name, header) in documentedHeaders)
            if ((bool?)header?["required"] == true && !headers.ContainsKey(name))
                problems.Add($"documented required header {name} is missing on {status}");

        var content = response["content"]?.AsObject();
        if (body.Length == 0) return problems;
        var mediaType = contentType?.Split(';')[0].Trim();
        var media = content?.FirstOrDefault(c => string.Equals(c.Key, mediaType, StringComparison.OrdinalIgnoreCase)).Value;
        if (media is null)
        {
            problems.Add($"content type {contentType} is not documented for {status} (documented: {string.Join(", ", content?.Select(c => c.Key) ?? [])})");
            return problems;
        }
        if (mediaType is null || !mediaType.Contains("json", StringComparison.Ordinal) || media["schema"] is null) return problems;

        var schema = _schemas.GetOrAdd(media["schema"]!.ToJsonString(), Build);
        JsonElement instance;
        try { instance = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { problems.Add($"body is not JSON: {e.Message}"); return problems; }
        var result = schema.Evaluate(instance, Evaluation);
        if (!result.IsValid)
            problems.AddRange((result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"body {d.InstanceLocation}: {e.Value} ({d.EvaluationPath})")).Take(10));
        return problems;
    }

    /// <summary>The response's schema with its component references made absolute against the registered document.</summary>
    private static JsonSchema Build(string schemaJson)
    {
        var absolute = schemaJson.Replace("\"#/components/", $"\"{BaseUri}#/components/", StringComparison.Ordinal);
        return JsonSchema.FromText(absolute, BuildOptions.Default);
    }
}
