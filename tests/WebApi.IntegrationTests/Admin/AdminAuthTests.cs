using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminAuthTests(AppFactory app)
{
    [Fact]
    public async Task AdminEndpoint_WithoutKey_Returns401Problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/admin/services");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("admin_key_required", problem.GetProperty("code").GetString());
        Assert.False(response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Basic"), "API paths must not trigger a browser login box");
    }

    [Fact]
    public async Task AdminEndpoint_WithWrongKey_Returns401Problem()
    {
        var response = await app.CreateAdminClient("not-the-key").GetAsync("/api/v1/admin/settings");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminEndpoint_WithEmptyOrHugeKey_Returns401Problem()
    {
        var empty = await app.CreateAdminClient("").GetAsync("/api/v1/admin/settings");
        var huge = await app.CreateAdminClient(new string('k', 5000)).GetAsync("/api/v1/admin/settings");

        await empty.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await huge.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminEndpoint_WithEitherConfiguredKey_Returns200()
    {
        var first = await app.CreateAdminClient().GetAsync("/api/v1/admin/settings");
        var second = await app.CreateAdminClient(AdminTestKeys.SecondKey).GetAsync("/api/v1/admin/settings");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task AdminEndpoint_WithBasicAuthCarryingTheKey_Returns200()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + AdminTestKeys.Key)));

        var response = await client.GetAsync("/api/v1/admin/settings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminChange_IsAuditedWithTheKeyIdUsed()
    {
        var admin = app.CreateAdminClient(AdminTestKeys.SecondKey);
        var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/closures",
            new { date = TestDates.Weekday(40).Text(), reason = "Audit check" });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?entity=closure&entityId={id}");

        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(AdminTestKeys.SecondKeyId, entry.GetProperty("keyId").GetString());
        Assert.Equal("closure.create", entry.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("before").ValueKind);
        Assert.Equal("Audit check", entry.GetProperty("after").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PublicEndpoints_StayAnonymous()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/services");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class AdminAuthTestsOnSqlite(AdminSqliteAppFactory app) : AdminAuthTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminAuthTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminAuthTests(app), IClassFixture<AdminMariaDbAppFactory>;
