using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Admin;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

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

    [Theory]
    [InlineData("/jobs/recurring/remove")]
    [InlineData("/jobs/recurring/trigger")]
    public async Task DashboardPost_FromAForeignOrigin_IsRefusedAndChangesNothing(string action)
    {
        var id = await ProbeJobAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent([new("jobs[]", id)]) };
        post.Headers.Add("Origin", "https://evil.example");
        post.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await BasicClient().SendAsync(post);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(id, RecurringJobIds());
        Assert.Null(LastExecution(id));
    }

    [Fact]
    public async Task DashboardPost_WithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var id = await ProbeJobAsync();

        var response = await BasicClient().PostAsync("/jobs/recurring/remove", new FormUrlEncodedContent([new("jobs[]", id)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(id, RecurringJobIds());
    }

    private HttpClient BasicClient()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + AdminTestKeys.Key)));
        return client;
    }

    /// <summary>A recurring job of this test alone (never due), so removing or triggering it would be visible.</summary>
    private async Task<string> ProbeJobAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await BasicClient().GetAsync("/jobs")).StatusCode); // the app (and its storage) is up
        var id = "csrf-probe-" + Guid.NewGuid().ToString("N")[..8];
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate(id, () => Console.WriteLine("probe"), Cron.Never());
        return id;
    }

    private List<string> RecurringJobIds()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    private DateTime? LastExecution(string id)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Single(j => j.Id == id).LastExecution;
    }
}
