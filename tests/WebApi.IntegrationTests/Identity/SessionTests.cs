using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Identity;

public abstract class SessionTests(SignInAppFactory app)
{
    private const string SessionPath = "/api/v1/auth/session";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Session_AfterItsLifetime_Returns401()
    {
        var token = await _client.SignInAsync(AuthApi.NewEmail("lifetime"));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, token)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(SignInAppFactory.SessionLifetimeMinutes) + TimeSpan.FromSeconds(1));

        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, token), tokenPresented: true);
    }

    [Fact]
    public async Task Logout_RevokesTheToken_WhileOtherSessionsOfTheSameCustomerStayValid()
    {
        var email = AuthApi.NewEmail("logout");
        var phone = await _client.SignInAsync(email);
        var laptop = await _client.SignInAsync(email);

        var logout = await _client.SendWithTokenAsync(HttpMethod.Delete, SessionPath, phone);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, phone), tokenPresented: true);
        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Delete, SessionPath, phone), tokenPresented: true);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, laptop)).StatusCode);
    }

    [Fact]
    public async Task Session_WithTamperedToken_Returns401()
    {
        var token = await _client.SignInAsync(AuthApi.NewEmail("tamper"));
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, tampered), tokenPresented: true);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well-formed, never issued
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJjdXN0b21lcl9lbWFpbCI6ImFAYi5jb20ifQ.")] // unsigned JWT claiming an email
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task Session_WithForgedToken_Returns401(string forged)
    {
        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, forged), tokenPresented: true);
    }

    [Fact]
    public async Task Session_WithHugeToken_Returns401()
    {
        await AssertUnauthorizedAsync(await _client.SendWithTokenAsync(HttpMethod.Get, SessionPath, new string('A', 8000)), tokenPresented: true);
    }

    [Fact]
    public async Task Session_WithoutToken_Returns401WithBearerChallenge()
    {
        await AssertUnauthorizedAsync(await _client.GetAsync(SessionPath), tokenPresented: false);
        await AssertUnauthorizedAsync(await _client.DeleteAsync(SessionPath), tokenPresented: false);
    }

    [Fact]
    public async Task PublicEndpoint_WithInvalidToken_StillAnswersAsAnonymous()
    {
        var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/api/v1/services", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StoredSession_KeepsOnlyTheTokenHash()
    {
        var email = AuthApi.NewEmail("hashed");
        var token = await _client.SignInAsync(email);

        string stored = "";
        await app.WithDbAsync(async db => stored = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Set<AppointEase.Domain.Identity.CustomerSession>().Where(s => s.Email == email))).TokenHash);

        Assert.NotEqual(token, stored);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))), stored);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, bool tokenPresented)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal(tokenPresented, challenge.Parameter?.Contains("invalid_token") == true);
    }
}

public sealed class SessionTestsOnSqlite(SqliteSignInAppFactory app) : SessionTests(app), IClassFixture<SqliteSignInAppFactory>;

public sealed class SessionTestsOnMariaDb(MariaDbSignInAppFactory app) : SessionTests(app), IClassFixture<MariaDbSignInAppFactory>;
