using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

public sealed class MetricsEndpointTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    [Fact]
    public async Task Metrics_WithAnAdminKey_AnswersPrometheusTextWithTheAppMetrics()
    {
        using var client = app.CreateAdminClient();
        // Some traffic first, so counters and the request histogram have series too.
        await client.GetAsync("/api/v1/services");

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE appointease_slot_store_mode gauge", text, StringComparison.Ordinal);
        Assert.Contains("appointease_slot_store_mode{otel_scope_name=\"AppointEase\",mode=\"sql\",redis_configured=\"false\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE appointease_requests_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithBasicAuthAndTheKeyAsPassword_IsServed_ForPrometheusScrapeConfigs()
    {
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("prometheus:" + AdminTestKeys.Key)));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("appointease_slot_store_mode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Anonymous_IsRefusedWithAProblem()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync("/metrics");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("admin_key_required", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("appointease_", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithAWrongKey_IsRefused()
    {
        using var client = app.CreateAdminClient("not-the-admin-key-0000000000");

        var response = await client.GetAsync("/metrics");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
