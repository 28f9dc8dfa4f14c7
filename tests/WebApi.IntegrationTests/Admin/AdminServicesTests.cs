using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Admin;

public abstract class AdminServicesTests(AppFactory app)
{
    private readonly HttpClient _admin = app.CreateAdminClient();

    private static object NewService(string? name = null, int duration = 30, decimal price = 25m) =>
        new { name = name ?? "Svc " + Guid.NewGuid().ToString("N")[..8], durationMinutes = duration, price, bufferBeforeMinutes = 0, bufferAfterMinutes = 10 };

    [Fact]
    public async Task CreateService_Returns201WithLocationETagAndBody()
    {
        var response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService(duration: 60, price: 42.5m));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal($"/api/v1/admin/services/{body.GetProperty("id").GetInt32()}", response.Headers.Location?.ToString());
        Assert.Equal($"W/\"{body.GetProperty("version").GetInt32()}\"", response.ETag());
        Assert.Equal(42.5m, body.GetProperty("price").GetDecimal());
        Assert.True(body.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task UpdateService_WithCurrentIfMatch_ChangesItAndTheETag()
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        var updated = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/services/{id}", NewService("Renamed " + id, 90, 80m), created.ETag());

        var body = await updated.JsonAsync();
        Assert.Equal("Renamed " + id, body.GetProperty("name").GetString());
        Assert.Equal(90, body.GetProperty("durationMinutes").GetInt32());
        Assert.NotEqual(created.ETag(), updated.ETag());
        var get = await _admin.GetAsync($"/api/v1/admin/services/{id}");
        Assert.Equal(updated.ETag(), get.ETag());
    }

    [Fact]
    public async Task UpdateService_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var first = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/services/{id}", NewService("First " + id), created.ETag());
        await first.JsonAsync();

        var second = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/services/{id}", NewService("Second " + id), created.ETag());

        await second.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var current = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/services/{id}");
        Assert.Equal("First " + id, current.GetProperty("name").GetString());
    }

    [Fact]
    public async Task UpdateService_WithoutIfMatch_Returns428()
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        var response = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/services/{id}", NewService());

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
    }

    [Fact]
    public async Task DeactivateService_HidesItFromCustomersButKeepsItForAdmins()
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        var response = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/services/{id}/deactivate", null, created.ETag());

        Assert.False((await response.JsonAsync()).GetProperty("isActive").GetBoolean());
        var publicList = await app.CreateClient().GetFromJsonAsync<JsonElement[]>("/api/v1/services");
        Assert.DoesNotContain(publicList!, s => s.GetProperty("id").GetInt32() == id);
        var adminList = await _admin.GetFromJsonAsync<JsonElement[]>("/api/v1/admin/services");
        Assert.Contains(adminList!, s => s.GetProperty("id").GetInt32() == id && !s.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task UpdateService_IsAuditedWithBeforeAndAfter()
    {
        var created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService("Before audit"));
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        (await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/admin/services/{id}", NewService("After audit"), created.ETag())).EnsureSuccessStatusCode();

        var audit = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?entity=service&entityId={id}");

        var entries = audit.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["service.update", "service.create"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("Before audit", entries[0].GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("After audit", entries[0].GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(AdminTestKeys.KeyId, entries[0].GetProperty("keyId").GetString());
    }

    [Theory]
    [InlineData("price", -1, 30)]
    [InlineData("durationMinutes", 10, 25)]
    [InlineData("durationMinutes", 0, 0)]
    public async Task CreateService_WithBadNumbers_Returns422NamingTheField(string field, decimal price, int duration)
    {
        var response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService(duration: duration, price: price));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
    }

    [Fact]
    public async Task CreateService_WithHugeOrMissingName_Returns422NamingName()
    {
        var huge = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", NewService(new string('x', 10_000)));
        var missing = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/services", new { durationMinutes = 30, price = 1 });

        await huge.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "name");
        await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "name");
    }

    [Fact]
    public async Task GetService_Unknown_Returns404()
    {
        var response = await _admin.GetAsync("/api/v1/admin/services/987654");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class AdminServicesTestsOnSqlite(AdminSqliteAppFactory app) : AdminServicesTests(app), IClassFixture<AdminSqliteAppFactory>;

public sealed class AdminServicesTestsOnMariaDb(AdminMariaDbAppFactory app) : AdminServicesTests(app), IClassFixture<AdminMariaDbAppFactory>;
