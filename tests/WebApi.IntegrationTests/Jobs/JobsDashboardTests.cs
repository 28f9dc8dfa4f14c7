using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>The /jobs dashboard behind the real AdminKey scheme (X-Admin-Key, or HTTP Basic for browsers).</summary>
public sealed class JobsDashboardTests(AdminSqliteAppFactory app) : IClassFixture<AdminSqliteAppFactory>
{
    [Fact]
    public async Task Dashboard_ForAnonymousCaller_Returns401WithABasicChallenge()
    {
        var response = await app.CreateClient().GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Dashboard_WithAWrongKey_Returns401()
    {
        var response = await app.CreateAdminClient("not-a-configured-key").GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WithTheAdminKeyHeader_IsServed()
    {
        var response = await app.CreateAdminClient().GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AppointEase jobs", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dashboard_WithTheAdminKeyAsBasicPassword_IsServedToBrowsers()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + AdminTestKeys.Key)));

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
