using System.Text.RegularExpressions;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Identity;
using AppointEase.Application.Identity.EndSession;
using AppointEase.Application.Identity.RequestOtp;
using AppointEase.Application.Identity.VerifyOtp;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Identity;

/// <summary>
/// The sign-in flow. These commands write through the unit of work, which saves at commit; the tests save where
/// <c>TransactionBehavior</c> would.
/// </summary>
[TestsFor(typeof(RequestOtpHandler), typeof(VerifyOtpHandler), typeof(EndSessionHandler))]
public sealed class IdentityHandlerTests : IDisposable
{
    private const string Email = "ann@example.com";
    private readonly TestWorld _world = new();

    public void Dispose() => _world.Dispose();

    private async Task<string> RequestCodeAsync(string email = Email)
    {
        var result = await _world.Create<RequestOtpHandler>().Handle(new RequestOtpCommand(email), default);
        await _world.Db.SaveChangesAsync();
        Assert.Equal(10, result.Value!.ExpiresInMinutes);
        return Regex.Match(_world.Outbox.Sent[^1].TextBody, "code is (\\d{6})").Groups[1].Value;
    }

    private async Task<Result<IssuedSession>> VerifyAsync(string code, string email = Email)
    {
        var result = await _world.Create<VerifyOtpHandler>().Handle(new VerifyOtpCommand(email, code), default);
        await _world.Db.SaveChangesAsync();
        return result;
    }

    [Fact]
    public async Task RequestOtp_StoresOnlyAHashAndMailsTheCode()
    {
        var code = await RequestCodeAsync(" Ann@Example.com");

        Assert.Matches("^\\d{6}$", code);
        var email = Assert.Single(_world.Outbox.Sent);
        Assert.Equal((RequestOtpHandler.EmailKind, Email), (email.Kind, email.To));
        await using var db = _world.NewContext();
        var challenge = await db.Set<OtpChallenge>().SingleAsync();
        Assert.Equal((Email, TestWorld.Start.UtcDateTime.AddMinutes(10)), (challenge.Email, challenge.ExpiresUtc));
        Assert.DoesNotContain(code, Convert.ToHexString(challenge.CodeHash));
    }

    [Fact]
    public async Task RequestOtp_Again_ClosesTheEarlierCode()
    {
        var first = await RequestCodeAsync();
        var second = await RequestCodeAsync();

        if (first != second) Assert.Equal(VerifyOtpHandler.InvalidCode, (await VerifyAsync(first)).Error); // one in a million they match
        Assert.True((await VerifyAsync(second)).IsSuccess);
    }

    [Fact]
    public async Task VerifyOtp_WithTheMailedCode_IssuesASessionOnce()
    {
        var code = await RequestCodeAsync();

        var session = (await VerifyAsync(code)).Value!;
        var reuse = await VerifyAsync(code);

        Assert.Equal(TestWorld.Start.AddDays(1), session.ExpiresAt);
        var active = await new SessionAuthenticator(_world.NewContext(), _world.Clock).AuthenticateAsync(session.Token, default);
        Assert.Equal(Email, active!.Email);
        Assert.Equal(("otp_invalid", "code"), (reuse.Error!.Code, reuse.Error.Field));
    }

    [Fact]
    public async Task VerifyOtp_AWrongCode_CountsAnAttempt()
    {
        var code = await RequestCodeAsync();

        var wrong = await VerifyAsync(code == "000000" ? "111111" : "000000");

        Assert.Equal(VerifyOtpHandler.InvalidCode, wrong.Error);
        await using var db = _world.NewContext();
        Assert.Equal(1, (await db.Set<OtpChallenge>().SingleAsync()).Attempts);
    }

    [Fact]
    public async Task VerifyOtp_AfterTheCodeExpired_IsInvalid()
    {
        var code = await RequestCodeAsync();
        _world.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(VerifyOtpHandler.InvalidCode, (await VerifyAsync(code)).Error);
    }

    [Fact]
    public async Task VerifyOtp_WithoutAPendingCode_IsTheSameAnswer()
    {
        Assert.Equal(VerifyOtpHandler.InvalidCode, (await VerifyAsync("123456")).Error);
    }

    [Fact]
    public async Task EndSession_RevokesTheSession()
    {
        var session = (await VerifyAsync(await RequestCodeAsync())).Value!;
        var authenticator = new SessionAuthenticator(_world.NewContext(), _world.Clock);
        var id = (await authenticator.AuthenticateAsync(session.Token, default))!.Id;
        _world.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await _world.Create<EndSessionHandler>().Handle(new EndSessionCommand(id), default);

        Assert.True(result.IsSuccess);
        Assert.Null(await new SessionAuthenticator(_world.NewContext(), _world.Clock).AuthenticateAsync(session.Token, default));
        await using var db = _world.NewContext();
        Assert.Equal(TestWorld.Start.UtcDateTime.AddMinutes(1), (await db.Set<CustomerSession>().SingleAsync()).RevokedUtc);
    }
}
