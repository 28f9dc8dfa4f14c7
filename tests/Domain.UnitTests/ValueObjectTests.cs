using AppointEase.Domain.Appointments;
using AppointEase.Domain.Common;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Domain.UnitTests;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("abcdefgh", true)]
    [InlineData("client_01-XYZ", true)]
    [InlineData("short", false)]
    [InlineData("has space1", false)]
    [InlineData("emoji😀emoji", false)]
    [InlineData("", false)]
    public void ClientId_AcceptsOnly8To64SafeCharacters(string value, bool valid) =>
        Assert.Equal(valid, ClientId.TryParse(value, out _));

    [Fact]
    public void ClientId_Of65Characters_IsRejected() => Assert.False(ClientId.IsValid(new string('a', 65)));

    [Fact]
    public void LockToken_RoundTripsThroughItsTextFormAndCarriesItsSlot()
    {
        var slot = new SlotKey(new DateOnly(2026, 12, 1), 3, new TimeOnly(10, 30));
        var token = LockToken.New(slot);

        Assert.True(LockToken.TryParse(token.ToString(), out var parsed));
        Assert.Equal(token, parsed);
        Assert.Equal(slot, parsed.Slot);
        Assert.Equal(32, token.Secret.Length);
        Assert.NotEqual(token.Secret, LockToken.New(slot).Secret);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20261301_1000_3_0123456789abcdef0123456789abcdef")]
    [InlineData("20261201_1000_-3_0123456789abcdef0123456789abcdef")]
    [InlineData("20261201_1000_3_0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("20261201_1000_3_short")]
    [InlineData("../../etc/passwd")]
    public void LockToken_RejectsMalformedText(string text) => Assert.False(LockToken.TryParse(text, out _));

    [Fact]
    public void SlotKey_DayTag_IsARedisClusterHashTagForDayAndEmployee() =>
        Assert.Equal("{2026-12-01:3}", new SlotKey(new DateOnly(2026, 12, 1), 3, new TimeOnly(10, 0)).DayTag);

    [Theory]
    [InlineData("Ana@Example.com", true)]
    [InlineData("no-at-sign.example.com", false)]
    [InlineData("a@b", false)]
    [InlineData("a@example.com\r\nBcc: x@y.z", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("<a@example.com>", false)]
    public void EmailAddress_ValidatesAndRefusesHeaderInjection(string value, bool valid) =>
        Assert.Equal(valid, EmailAddress.IsValid(value));

    [Fact]
    public void EmailAddress_IsNormalisedToLowerCase() => Assert.Equal("ana@example.com", EmailAddress.Parse(" Ana@Example.com ").Value);

    [Fact]
    public void AppointmentReference_HasYearAndSixDigits()
    {
        var reference = AppointmentReference.New(2026);

        Assert.Matches(@"^APT-2026-\d{6}$", reference);
        Assert.True(AppointmentReference.IsWellFormed(reference));
    }
}
