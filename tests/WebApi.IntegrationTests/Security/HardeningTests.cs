using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    [Theory]
    [InlineData("/")]
    [InlineData("/manage")]
    [InlineData("/app/appointease.js")]
    public async Task WidgetPages_SendAScriptPolicyOfThisOriginOnly(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("base-uri 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain(policy, d => d.StartsWith("script-src", StringComparison.Ordinal) && d.Contains("unsafe", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/admin/settings", null)]
    [InlineData("/api/v1/services", "X-Admin-Key")]
    [InlineData("/api/v1/auth/session", "Authorization")]
    [InlineData("/api/v1/appointments/1", "X-Manage-Token")]
    [InlineData("/jobs", null)]
    public async Task Production_RefusesAdminAndSessionRequestsOverPlainHttp(string path, string? credentialHeader)
    {
        await using var production = ProductionWithoutHttpsPort();
        var request = new HttpRequestMessage(HttpMethod.Get, "http://api.example.com" + path);
        if (credentialHeader is not null) request.Headers.TryAddWithoutValidation(credentialHeader, credentialHeader == "Authorization" ? "Bearer x" : "x");

        var response = await production.CreateClient().SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("https_required", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Production_ServesAdminOverHttps_WithHsts_AndPublicReadsOverHttp()
    {
        await using var production = ProductionWithoutHttpsPort();
        var client = production.CreateClient();

        var admin = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/api/v1/admin/settings");
        admin.Headers.Add("X-Admin-Key", Admin.AdminTestKeys.Key);
        var secure = await client.SendAsync(admin);
        var publicRead = await client.GetAsync("http://api.example.com/api/v1/services");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Header(secure, "Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, publicRead.StatusCode);
        Assert.Equal("", Header(publicRead, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_HidesOpenApiScalarAndReadinessDetails_ButAdminsStillSeeTheDetails()
    {
        await using var production = ProductionWithoutHttpsPort();
        var client = production.CreateClient();

        var openApi = await client.GetAsync("https://api.example.com/openapi/v1.json");
        var scalar = await client.GetAsync("https://api.example.com/scalar/v1");
        var ready = await client.GetAsync("https://api.example.com/health/ready");
        var adminReady = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/health/ready");
        adminReady.Headers.Add("X-Admin-Key", Admin.AdminTestKeys.Key);
        var detailed = await client.SendAsync(adminReady);

        Assert.Equal(HttpStatusCode.NotFound, openApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scalar.StatusCode);
        Assert.DoesNotContain("checks", await ready.Content.ReadAsStringAsync());
        Assert.Contains("status", await ready.Content.ReadAsStringAsync());
        Assert.Contains("checks", await detailed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Production_PublishesTheApiReferenceWhenConfigured()
    {
        await using var production = ProductionWithoutHttpsPort();
        production.With("Security:PublishApiReference", "true");

        var openApi = await production.CreateClient().GetAsync("https://api.example.com/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    /// <summary>Production with no HTTPS port known, so nothing redirects: the case where only the refusal protects.</summary>
    private static ProductionFactory ProductionWithoutHttpsPort()
    {
        var production = new ProductionFactory();
        production.With("Auth:OtpSecret", new string('s', 40));
        Admin.AdminTestKeys.WithAdminKeys(production);
        return production;
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

    [Fact]
    public async Task Production_WithoutAnHttpsPort_ServesHttpWithoutRedirectOrWarning()
    {
        var logs = new Reliability.CapturedLogs();
        await using var production = new ProductionFactory();
        production.With("Auth:OtpSecret", new string('s', 40));
        production.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs);
        var client = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://10.0.0.7"),
        });
        await client.GetAsync("/health/live");
        logs.Restart();

        var api = await client.GetAsync("/api/v1/services");
        var ready = await client.GetAsync("/health/ready");

        // HTTP-only (no https_port, no HTTPS binding): nothing to redirect to, so no 307 and no "Failed to determine
        // the https port for redirect" warning from the redirection middleware on the first request.
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(logs.WarningsAndAbove);
        await ((IAsyncLifetime)production).DisposeAsync();
    }

    private sealed class ProductionFactory : AppFactory
    {
        // Production refuses to start without SMTP; these tests are about HTTP, so mail goes to files on purpose.
        public ProductionFactory() : base(DatabaseKind.Sqlite)
        {
            With("Email:Mode", "Pickup");
            ChecksContract = false;
        }

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
