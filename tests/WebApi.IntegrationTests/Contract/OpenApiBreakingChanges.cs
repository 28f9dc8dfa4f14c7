using System.Text.Json.Nodes;

namespace AppointEase.WebApi.IntegrationTests.Contract;

/// <summary>
/// What a client generated from <paramref name="before"/> relies on and <paramref name="after"/> no longer offers:
/// a removed operation, a removed schema property or a removed enum value (components and operation parameters).
/// </summary>
internal static class OpenApiBreakingChanges
{
    public static List<string> Find(JsonNode before, JsonNode after)
    {
        var found = new List<string>();
        foreach (var (path, item) in Objects(before["paths"]))
            foreach (var (method, _) in Objects(item))
                if (after["paths"]?[path]?[method] is null) found.Add($"operation removed: {method.ToUpperInvariant()} {path}");
        foreach (var (name, schema) in Objects(before["components"]?["schemas"]))
        {
            var now = after["components"]?["schemas"]?[name];
            if (now is null) { found.Add($"schema removed: {name}"); continue; }
            foreach (var (property, old) in Objects(schema?["properties"]))
            {
                var current = now["properties"]?[property];
                if (current is null) found.Add($"field removed: {name}.{property}");
                else found.AddRange(RemovedEnumValues(old, current).Select(v => $"enum value removed: {name}.{property} = {v}"));
            }
            found.AddRange(RemovedEnumValues(schema, now).Select(v => $"enum value removed: {name} = {v}"));
        }
        return found;
    }

    private static IEnumerable<string> RemovedEnumValues(JsonNode? before, JsonNode? after)
    {
        if (before?["enum"] is not JsonArray old) return [];
        var current = (after?["enum"] as JsonArray)?.Select(v => v?.ToJsonString()).ToHashSet() ?? [];
        return old.Select(v => v?.ToJsonString() ?? "null").Where(v => !current.Contains(v));
    }

    private static IEnumerable<(string Name, JsonNode? Value)> Objects(JsonNode? node) =>
        node is JsonObject o ? o.Select(p => (p.Key, p.Value)) : [];
}
