using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace AppointEase.WebApi.IntegrationTests.Security;

public sealed class HardeningTests(HardeningTests.Factory app) : IClassFixture<HardeningTests.Factory>
{
    public const string AllowedOrigin = "https://shop.example.com";

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite) => With("Cors:AllowedOrigins:0", AllowedOrigin);
    }

    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/api/v1/services")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/api/v1/employees?serviceId=4242")]
    [InlineData("/api/v1/auth/session")]
    public async Task Responses_CarrySecurityHeaders_OnSuccessAndOnErrors(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task ScalarPage_StillLoads_BecauseTheCspRestrictsOnlyFraming()
    {
        var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("script-src", Header(response, "Content-Security-Policy"));
        Assert.Contains("<script", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cors_PreflightFromAllowedOrigin_AllowsTheBearerHeaderButNoCredentials()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/session");
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "DELETE");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        var response = await _client.SendAsync(preflight);

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Equal(AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("DELETE", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Cors_SimpleRequestFromAllowedOrigin_ExposesRetryAfter()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.Add("Origin", AllowedOrigin);

        var response = await _client.SendAsync(request);

        Assert.Equal(AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("http://shop.example.com")]
    [InlineData("https://shop.example.com.evil.com")]
    [InlineData("null")]
    public async Task Cors_FromAnyOtherOrigin_GetsNoAllowOrigin(string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/otp");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var simple = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        simple.Headers.Add("Origin", origin);

        Assert.False((await _client.SendAsync(preflight)).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False((await _client.SendAsync(simple)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_WithNoOriginsConfigured_AllowsNoCrossOriginCaller()
    {
        await using var plain = new AppFactory(DatabaseKind.Sqlite);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        request.Headers.Add("Origin", AllowedOrigin);

        var response = await plain.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        await ((IAsyncLifetime)plain).DisposeAsync();
    }

    [Fact]
    public void Startup_WithAnOriginThatHasAPath_FailsValidation()
    {
        using var bad = new AppFactory(DatabaseKind.Sqlite).With("Cors:AllowedOrigins:0", "https://shop.example.com/widget");

        var error = Assert.Throws<OptionsValidationException>(() => bad.CreateClient());

        Assert.Contains("Cors:AllowedOrigins", error.Message);
    }

    [Fact]
    public void Startup_InProductionWithoutOtpSecret_FailsValidation()
    {
        using var production = new ProductionFactory();

        var error = Assert.Throws<OptionsValidationException>(() => production.CreateClient());

        Assert.Contains("Auth:OtpSecret", error.Message);
    }

    [Fact]
    public async Task Production_RedirectsHttpToHttps_AndSendsHsts()
    {
        await using var production = new ProductionFactory();
        production.With("Auth:OtpSecret", new string('s', 40)).With("https_port", "443");
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://api.example.com"),
        });

        var insecure = await client.GetAsync("/api/v1/services");
        var secure = await client.GetAsync("https://api.example.com/api/v1/services");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, insecure.StatusCode);
        Assert.Equal("https://api.example.com/api/v1/services", insecure.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Header(secure, "Strict-Transport-Security"));
        await ((IAsyncLifetime)production).DisposeAsync();
    }

    [Fact]
    public async Task Production_WithAnHttpsPort_DoesNotRedirectHealthProbes()
    {
        await using var production = new ProductionFactory();
        production.With("Auth:OtpSecret", new string('s', 40)).With("https_port", "443");
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://10.0.0.7"),
        });

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await ((IAsyncLifetime)production).DisposeAsync();
    }

    private sealed class ProductionFactory : AppFactory
    {
        // Production refuses to start without SMTP; these tests are about HTTP, so mail goes to files on purpose.
        public ProductionFactory() : base(DatabaseKind.Sqlite) => With("Email:Mode", "Pickup");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}
