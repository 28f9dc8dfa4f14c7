using System.Net.Http.Json;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public sealed class AdminOpenApiTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryAdminOperationWithSummaryAndSecurity()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var admin = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/admin", StringComparison.Ordinal)).ToList();
        var operations = admin.SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Op: o.Value))).ToList();
        Assert.True(operations.Count >= 20, $"only {operations.Count} admin operations");
        Assert.All(operations, o =>
        {
            Assert.True(o.Op.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{o.Method} {o.Path} has no summary");
            Assert.True(o.Op.TryGetProperty("security", out _), $"{o.Method} {o.Path} has no security requirement");
            Assert.True(o.Op.GetProperty("responses").TryGetProperty("401", out _), $"{o.Method} {o.Path} does not document 401");
        });
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("AdminKey", out _));
        var update = document.GetProperty("paths").GetProperty("/api/v1/admin/services/{id}").GetProperty("put");
        Assert.True(update.GetProperty("responses").TryGetProperty("412", out _), "PUT service does not document 412");
        var create = document.GetProperty("paths").GetProperty("/api/v1/admin/services").GetProperty("post");
        Assert.Equal("Beard trim", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("example").GetProperty("name").GetString());
    }
}
