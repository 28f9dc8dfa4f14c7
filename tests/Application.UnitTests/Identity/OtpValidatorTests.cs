using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Catalogue.ListEmployees;
using AppointEase.Application.Identity.RequestOtp;
using AppointEase.Application.Identity.VerifyOtp;
using AppointEase.Domain.Identity;

namespace AppointEase.Application.UnitTests.Identity;

[TestsFor(typeof(RequestOtpValidator), typeof(VerifyOtpValidator), typeof(ListEmployeesValidator))]
public sealed class OtpValidatorTests
{
    private static readonly string GoodCode = new('7', OtpChallenge.CodeDigits);

    [Fact]
    public void RequestOtp_WithAnAddress_IsValid() => Assert.True(new RequestOtpValidator().Validate(new RequestOtpCommand("ada@example.com")).IsValid);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-address")]
    public void RequestOtp_WithoutAUsableAddress_NamesEmail(string? email) =>
        Assert.Equal(["email"], new RequestOtpValidator().Validate(new RequestOtpCommand(email)).Errors.Select(e => e.PropertyName).Distinct());

    [Fact]
    public void VerifyOtp_WithTheRightNumberOfDigits_IsValid() =>
        Assert.True(new VerifyOtpValidator().Validate(new VerifyOtpCommand("ada@example.com", GoodCode)).IsValid);

    [Theory]
    [InlineData(null)]
    [InlineData("12")]
    [InlineData("abcdef")]
    [InlineData("１２３４５６")] // full-width digits are digits to \d but never match a code
    public void VerifyOtp_WithAMalformedCode_NamesCode(string? code) =>
        Assert.Equal(["code"], new VerifyOtpValidator().Validate(new VerifyOtpCommand("ada@example.com", code)).Errors.Select(e => e.PropertyName).Distinct());

    [Fact]
    public void ListEmployees_WithANonPositiveServiceId_NamesServiceId() =>
        Assert.Equal(["serviceId"], new ListEmployeesValidator().Validate(new ListEmployeesQuery(0)).Errors.Select(e => e.PropertyName));

    [Fact]
    public void ListEmployees_WithoutAServiceId_IsValid() => Assert.True(new ListEmployeesValidator().Validate(new ListEmployeesQuery(null)).IsValid);
}
