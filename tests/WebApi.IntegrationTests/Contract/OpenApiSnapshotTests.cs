using System.Text.Json;
using System.Text.Json.Nodes;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Contract;

public sealed class ContractAppFactory() : AppFactory(DatabaseKind.Sqlite);

/// <summary>
/// The committed snapshot (src/WebApi/ClientApp/openapi.json) is what the widget's types, the Kiota client and the lint
/// run on, so it must be the document the app serves. A change that removes an operation, a field or an enum value is
/// called out as breaking; either way the fix is to regenerate the snapshot in the same commit:
/// <c>APPOINTEASE_UPDATE_OPENAPI_SNAPSHOT=1 scripts/test.sh --filter OpenApiSnapshot</c> (docs/api.md).
/// </summary>
public sealed class OpenApiSnapshotTests(ContractAppFactory app) : IClassFixture<ContractAppFactory>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task GeneratedDocument_RemovesNoOperationFieldOrEnumValueOfTheCommittedSnapshot()
    {
        var generated = await GeneratedAsync();
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepoFiles.OpenApiSnapshot))!;

        var breaking = OpenApiBreakingChanges.Find(committed, generated);

        Assert.True(breaking.Count == 0, "Breaking changes against the committed OpenAPI snapshot (a client generated from it would break):\n"
            + string.Join("\n", breaking) + "\nIf intended, regenerate the snapshot in the same commit and follow the deprecation policy in docs/api.md.");
    }

    [Fact]
    public async Task CommittedSnapshot_IsTheGeneratedDocument()
    {
        var generated = await GeneratedAsync();
        if (Environment.GetEnvironmentVariable("APPOINTEASE_UPDATE_OPENAPI_SNAPSHOT") == "1")
            await File.WriteAllTextAsync(RepoFiles.OpenApiSnapshot, generated.ToJsonString(Indented) + "\n");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(RepoFiles.OpenApiSnapshot))!;

        Assert.True(JsonNode.DeepEquals(committed, generated),
            "src/WebApi/ClientApp/openapi.json is not the generated document: run APPOINTEASE_UPDATE_OPENAPI_SNAPSHOT=1 scripts/test.sh " +
            "--filter OpenApiSnapshot, then `npm run gen:types` in src/WebApi/ClientApp and scripts/gen-csharp-client.sh, and commit.");
    }

    [Fact]
    public void BreakingChangeCheck_FlagsARemovedOperationFieldAndEnumValue()
    {
        var before = JsonNode.Parse("""
            { "paths": { "/a": { "get": {} }, "/b": { "post": {} } },
              "components": { "schemas": { "S": { "properties": { "x": { "enum": ["p", "q"] }, "y": {} } } } } }
            """)!;
        var after = JsonNode.Parse("""
            { "paths": { "/a": { "get": {} } },
              "components": { "schemas": { "S": { "properties": { "x": { "enum": ["p"] }, "z": {} } } } } }
            """)!;

        var found = OpenApiBreakingChanges.Find(before, after);

        Assert.Equal(["enum value removed: S.x = \"q\"", "field removed: S.y", "operation removed: POST /b"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_HasAnOperationIdSummaryDescriptionSecurityAndAProblemFor503()
    {
        var document = await GeneratedAsync();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key.ToUpperInvariant()} {p.Key}", Op: o.Value!))).ToList();

        Assert.True(operations.Count >= 43, $"only {operations.Count} operations");
        Assert.All(operations, o =>
        {
            Assert.False(string.IsNullOrEmpty((string?)o.Op["operationId"]), $"{o.Name} has no operationId (add it to OperationCatalogue)");
            Assert.False(string.IsNullOrEmpty((string?)o.Op["summary"]), $"{o.Name} has no summary");
            Assert.False(string.IsNullOrEmpty((string?)o.Op["description"]), $"{o.Name} has no description");
            Assert.True(o.Op["security"] is JsonArray, $"{o.Name} declares no security (public operations say security: [])");
            Assert.NotNull(o.Op["responses"]?["503"]?["headers"]?["Retry-After"]);
        });
        Assert.Equal(operations.Count, operations.Select(o => (string?)o.Op["operationId"]).Distinct().Count());
        Assert.Equal("lockSlot", (string?)document["paths"]!["/api/v1/slots/lock"]!["post"]!["operationId"]);
        Assert.Equal("confirmBooking", (string?)document["paths"]!["/api/v1/appointments"]!["post"]!["operationId"]);
        var conflict = document["paths"]!["/api/v1/appointments"]!["post"]!["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]!;
        Assert.Contains("slot_taken", conflict["allOf"]![1]!["properties"]!["code"]!["enum"]!.AsArray().Select(v => (string?)v));
        Assert.DoesNotContain("/", ((string?)document["servers"]![0]!["url"])![^1..]);
    }

    private async Task<JsonNode> GeneratedAsync() =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
}
