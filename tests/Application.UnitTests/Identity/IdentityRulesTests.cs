using AppointEase.Application.Identity;
using AppointEase.Application.Identity.RequestOtp;
using AppointEase.Application.Identity.VerifyOtp;
using AppointEase.Domain.Common;

namespace AppointEase.Application.UnitTests.Identity;

public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("  Ann@Example.COM ", true)]
    [InlineData("jöhn@exämple.com", false)]
    [InlineData("victim@example.com\r\nBcc: evil@example.com", false)]
    [InlineData("a@b", false)]
    [InlineData(null, false)]
    public void RequestOtpValidator_AcceptsOnlyPlausibleAsciiAddresses(string? email, bool valid) =>
        Assert.Equal(valid, new RequestOtpValidator().Validate(new RequestOtpCommand(email)).IsValid);

    [Theory]
    [InlineData("012345", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("１２３４５６", false)]
    [InlineData("١٢٣٤٥٦", false)]
    [InlineData("12 456", false)]
    [InlineData(null, false)]
    public void VerifyOtpValidator_AcceptsExactlySixAsciiDigits(string? code, bool valid)
    {
        var result = new VerifyOtpValidator().Validate(new VerifyOtpCommand("ann@example.com", code));

        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.All(result.Errors, e => Assert.Equal("code", e.PropertyName));
    }

    [Fact]
    public void OtpHasher_DependsOnSecretEmailAndCode()
    {
        var email = EmailAddress.Parse("ann@example.com");
        var one = new OtpHasher(new AuthOptions { OtpSecret = new string('a', 32) });
        var other = new OtpHasher(new AuthOptions { OtpSecret = new string('b', 32) });

        Assert.True(OtpHasher.Matches(one.Hash(email, "123456"), one.Hash(email, "123456")));
        Assert.False(OtpHasher.Matches(one.Hash(email, "123456"), one.Hash(email, "123457")));
        Assert.False(OtpHasher.Matches(one.Hash(email, "123456"), other.Hash(email, "123456")));
        Assert.False(OtpHasher.Matches(one.Hash(email, "123456"), one.Hash(EmailAddress.Parse("bob@example.com"), "123456")));
    }

    [Fact]
    public void OtpHasher_NewCode_IsAlwaysSixDigits()
    {
        for (var i = 0; i < 1000; i++)
        {
            var code = OtpHasher.NewCode();
            Assert.Matches("^[0-9]{6}$", code);
        }
    }

    [Fact]
    public void SessionTokens_AreWellFormedUniqueAndHashedToHex()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => SessionTokens.New()).ToList();

        Assert.All(tokens, t => Assert.True(SessionTokens.IsWellFormed(t)));
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.Matches("^[0-9a-f]{64}$", SessionTokens.Hash(tokens[0]));
        Assert.False(SessionTokens.IsWellFormed(tokens[0] + "A"));
        Assert.False(SessionTokens.IsWellFormed(tokens[0][..42] + "="));
    }
}
