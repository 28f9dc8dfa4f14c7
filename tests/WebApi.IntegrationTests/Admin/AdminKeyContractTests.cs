using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AppointEase.WebApi.Infrastructure.AdminAuth;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>
/// The contract the jobs dashboard relies on: outside /api it authenticates with AuthenticateAsync("AdminKey") and,
/// on failure, ChallengeAsync("AdminKey") must make a browser ask for Basic credentials.
/// </summary>
public sealed class AdminKeyContractTests(AdminKeyContractTests.ProbeAppFactory app) : IClassFixture<AdminKeyContractTests.ProbeAppFactory>
{
    public sealed class ProbeAppFactory : AppFactory
    {
        public ProbeAppFactory() : base(DatabaseKind.Sqlite)
        {
            this.WithAdminKeys();
            ConfigureServices = services => services.AddTransient<IStartupFilter, ProbeStartupFilter>();
        }
    }

    private sealed class ProbeStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/jobs-probe", branch => branch.Run(async context =>
            {
                var result = await context.AuthenticateAsync(AdminKeyDefaults.Scheme);
                if (!result.Succeeded || !result.Principal.IsInRole("admin"))
                {
                    await context.ChallengeAsync(AdminKeyDefaults.Scheme);
                    return;
                }
                await context.Response.WriteAsync(result.Principal.FindFirst("admin_key_id")!.Value);
            }));
            next(app);
        };
    }

    [Fact]
    public async Task Dashboard_WithoutCredentials_ChallengesTheBrowserForBasic()
    {
        var response = await app.CreateClient().GetAsync("/jobs-probe");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic" && h.Parameter!.Contains("AppointEase admin"));
    }

    [Fact]
    public async Task Dashboard_WithBasicKey_AuthenticatesAsThatKeyId()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + AdminTestKeys.SecondKey)));

        var body = await client.GetStringAsync("/jobs-probe");

        Assert.Equal(AdminTestKeys.SecondKeyId, body);
    }

    [Fact]
    public async Task Dashboard_WithWrongBasicPassword_IsChallenged()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:nope")));

        var response = await client.GetAsync("/jobs-probe");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void FindKeyId_MatchesOnlyTheExactKey()
    {
        var keys = new List<(string, byte[])> { ("a", AdminKeyHash.Of("alpha-key")), ("b", AdminKeyHash.Of("beta-key")) };

        Assert.Equal("b", AdminKeyHash.FindKeyId("beta-key", keys));
        Assert.Null(AdminKeyHash.FindKeyId("beta-key ", keys));
        Assert.Null(AdminKeyHash.FindKeyId("", keys));
    }
}
