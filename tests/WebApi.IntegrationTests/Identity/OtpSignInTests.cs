using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Identity;

public abstract class OtpSignInTests(SignInAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task SignIn_WithCodeReadFromSmtpSink_GivesTokenThatIdentifiesTheCustomer()
    {
        var email = AuthApi.NewEmail("flow");

        var requested = await _client.RequestCodeAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var mail = (await SmtpSink.WaitForMessagesAsync(email)).Single();
        Assert.Equal("Your sign-in code", mail.Subject);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);

        var verified = await _client.VerifyAsync(email, code);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var session = await verified.Content.ReadFromJsonAsync<JsonElement>();
        var token = session.GetProperty("token").GetString()!;
        Assert.Equal(43, token.Length);
        var expiresAt = session.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(SignInAppFactory.SessionLifetimeMinutes), expiresAt, TimeSpan.FromSeconds(1));

        var me = await _client.SendWithTokenAsync(HttpMethod.Get, "/api/v1/auth/session", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal(expiresAt, body.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task StoredCode_IsAKeyedHashNotTheCode()
    {
        var email = AuthApi.NewEmail("hash");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);

        byte[] stored = [];
        await app.WithDbAsync(async db => stored = await db.Set<AppointEase.Domain.Identity.OtpChallenge>()
            .Where(c => c.Email == email).Select(c => c.CodeHash).SingleAsync());

        Assert.Equal(32, stored.Length);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)), stored);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email + ":" + code)), stored);
    }

    [Fact]
    public async Task VerifyOtp_AfterFiveWrongCodesFromOneNetwork_RefusesEvenTheRightCodeFromThere()
    {
        var email = AuthApi.NewEmail("wrong5");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
            await (await _client.VerifyAsync(email, wrong)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
        var right = await _client.VerifyAsync(email, code);

        // RateLimits:VerifyPerEmailAndIp (5): this network's guesses at this address are used up; the code itself
        // dies after 20 wrong tries from anywhere (Security/OtpLockoutTests).
        var problem = await right.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limited", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task VerifyOtp_AfterFourWrongCodes_StillAcceptsTheRightOne()
    {
        var email = AuthApi.NewEmail("wrong4");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 4; i++)
            await _client.VerifyAsync(email, wrong);

        Assert.Equal(HttpStatusCode.OK, (await _client.VerifyAsync(email, code)).StatusCode);
    }

    [Fact]
    public async Task VerifyOtp_AfterCodeExpired_IsRefused()
    {
        var email = AuthApi.NewEmail("expired");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await (await _client.VerifyAsync(email, code)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
    }

    [Fact]
    public async Task VerifyOtp_JustBeforeExpiry_IsAccepted()
    {
        var email = AuthApi.NewEmail("inwindow");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);

        app.Clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(50));

        Assert.Equal(HttpStatusCode.OK, (await _client.VerifyAsync(email, code)).StatusCode);
    }

    [Fact]
    public async Task VerifyOtp_WithCodeAlreadyUsed_IsRefused()
    {
        var email = AuthApi.NewEmail("reuse");
        await _client.RequestCodeAsync(email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await _client.VerifyAsync(email, code)).StatusCode);

        await (await _client.VerifyAsync(email, code)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
    }

    [Fact]
    public async Task RequestOtp_Again_ReplacesTheEarlierCode()
    {
        var email = AuthApi.NewEmail("replace");
        await _client.RequestCodeAsync(email);
        var first = await SmtpSink.WaitForOtpCodeAsync(email);
        await _client.RequestCodeAsync(email);
        var second = await SmtpSink.WaitForOtpCodeAsync(email, messageNumber: 2);

        if (first != second)
            await (await _client.VerifyAsync(email, first)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
        Assert.Equal(HttpStatusCode.OK, (await _client.VerifyAsync(email, second)).StatusCode);
    }

    [Fact]
    public async Task VerifyOtp_WithCodeIssuedToAnotherEmail_IsRefused()
    {
        var victim = AuthApi.NewEmail("victim");
        var attacker = AuthApi.NewEmail("attacker");
        await _client.RequestCodeAsync(victim);
        await _client.RequestCodeAsync(attacker);
        var attackersCode = await SmtpSink.WaitForOtpCodeAsync(attacker);
        await SmtpSink.WaitForOtpCodeAsync(victim);

        await (await _client.VerifyAsync(victim, attackersCode)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
    }

    [Fact]
    public async Task RequestOtp_ForKnownAndUnknownEmails_GivesIdenticalResponses()
    {
        var known = AuthApi.NewEmail("known");
        var unknown = AuthApi.NewEmail("unknown");
        await app.WithDbAsync(async db =>
        {
            var service = await db.Services.FirstAsync();
            var employee = await db.Employees.FirstAsync();
            var start = DateTime.UtcNow.Date.AddDays(3).AddHours(9);
            db.Appointments.Add(new Appointment(AppointmentReference.New(start.Year), service.Id, employee.Id, start, start.AddMinutes(30),
                "Known Customer", EmailAddress.Parse(known), null, null, new string('a', 64), DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        var forKnown = await _client.RequestCodeAsync(known);
        var forUnknown = await _client.RequestCodeAsync(unknown);

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(Headers(forKnown), Headers(forUnknown));
        // Both really get a code: the difference is not hidden by silently skipping unknown addresses.
        await SmtpSink.WaitForOtpCodeAsync(known);
        await SmtpSink.WaitForOtpCodeAsync(unknown);
    }

    private static string Headers(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key)
            .Select(h => h.Key + ": " + string.Join(",", h.Value)));
}

public sealed class OtpSignInTestsOnSqlite(SqliteSignInAppFactory app) : OtpSignInTests(app), IClassFixture<SqliteSignInAppFactory>;

public sealed class OtpSignInTestsOnMariaDb(MariaDbSignInAppFactory app) : OtpSignInTests(app), IClassFixture<MariaDbSignInAppFactory>;
