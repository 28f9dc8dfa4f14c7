using System.Net;
using System.Net.Http.Json;
using AppointEase.WebApi.IntegrationTests.Identity;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Security;

/// <summary>
/// Issue 24, findings 3 and 4: sign-in limits count per address AND network, with a higher ceiling per address alone,
/// so someone on another network can neither lock the owner out nor spend the owner's allowance; IPv6 counts per /64.
/// </summary>
public sealed class OtpLockoutTests(OtpLockoutTests.Factory app) : IClassFixture<OtpLockoutTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite) => this.WithSmtpSink().WithProductionAbuseLimits().WithTestPeers();
    }

    private const string Owner = "203.0.113.10";
    private const string Attacker = "198.51.100.66";
    private readonly HttpClient _client = app.CreateClient();

    private Task<HttpResponseMessage> PostAsync(string peer, string path, object body) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }.From(peer));

    private Task<HttpResponseMessage> RequestCodeAsync(string peer, string email) => PostAsync(peer, "/api/v1/auth/otp", new { email });

    private Task<HttpResponseMessage> VerifyAsync(string peer, string email, string code) =>
        PostAsync(peer, "/api/v1/auth/otp/verify", new { email, code });

    [Fact]
    public async Task AttackersWrongCodesFromAnotherNetwork_DoNotStopTheOwnersCorrectCode()
    {
        var email = AuthApi.NewEmail("victim");
        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(Owner, email)).StatusCode);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        var attack = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            attack.Add((await VerifyAsync(Attacker, email, wrong)).StatusCode);

        Assert.Equal(5, attack.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.Equal(5, attack.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Owner, email, code)).StatusCode);
    }

    [Fact]
    public async Task CodeRequestsForSomeoneElsesAddressFromAnotherNetwork_DoNotBlockTheOwnersOwnRequest()
    {
        var email = AuthApi.NewEmail("bombed");
        var attack = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            attack.Add((await RequestCodeAsync(Attacker, email)).StatusCode);
        Assert.Equal(5, attack.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(2, attack.Count(s => s == HttpStatusCode.TooManyRequests));

        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync(Owner, email)).StatusCode);
        var code = await SmtpSink.WaitForOtpCodeAsync(email, 6);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(Owner, email, code)).StatusCode);
    }

    [Fact]
    public async Task WrongCodesFromFourNetworks_StillKillTheCode()
    {
        var email = AuthApi.NewEmail("guessed");
        await RequestCodeAsync(Owner, email);
        var code = await SmtpSink.WaitForOtpCodeAsync(email);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var network = 1; network <= 4; network++)
            for (var i = 0; i < 5; i++)
                await (await VerifyAsync($"192.0.2.{network}", email, wrong)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");

        await (await VerifyAsync(Owner, email, code)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "code");
    }

    [Fact]
    public async Task VerifyFromOneIpv6Slash64_IsLimitedPerNetworkAcrossAddressesAndEmails()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
            statuses.Add((await VerifyAsync($"2001:db8:77:1::{i + 1:x}", AuthApi.NewEmail("spray"), "123456")).StatusCode);

        Assert.All(statuses[..30], s => Assert.Equal(HttpStatusCode.UnprocessableEntity, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await VerifyAsync("2001:db8:77:2::1", AuthApi.NewEmail("spray"), "123456")).StatusCode);
    }

    [Fact]
    public async Task OtpRequestsFrom40AddressesOfOneIpv6Slash64_AreCountedAsOneNetwork()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
            statuses.Add((await RequestCodeAsync($"2001:db8:88:1::{i + 1:x}", AuthApi.NewEmail("sixtyfour"))).StatusCode);

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
