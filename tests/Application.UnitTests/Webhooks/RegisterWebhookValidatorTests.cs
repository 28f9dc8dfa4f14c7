using AppointEase.Application.Admin.Webhooks;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Webhooks;

namespace AppointEase.Application.UnitTests.Webhooks;

/// <summary>A bad registration names url or events, in the API's spelling, before the handler parses the URL.</summary>
[TestsFor(typeof(RegisterWebhookValidator))]
public sealed class RegisterWebhookValidatorTests
{
    private static string[] FieldsIn(RegisterWebhookCommand command) =>
        new RegisterWebhookValidator().Validate(command).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    [Theory]
    [InlineData("https://hooks.example.com/booking")]
    [InlineData("http://hooks.example.com:8080/b?x=1")]
    public void AnAbsoluteHttpUrl_WithoutEvents_IsValid(string url) =>
        Assert.Empty(FieldsIn(new RegisterWebhookCommand(url, null, null)));

    [Fact]
    public void EveryKnownEventType_IsValid() =>
        Assert.Empty(FieldsIn(new RegisterWebhookCommand("https://h.example.com/", WebhookEventTypes.All, true)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/relative/path")]
    [InlineData("ftp://h.example.com/")]
    [InlineData("https://user:pw@h.example.com/")]
    [InlineData("https://h.example.com/#frag")]
    [InlineData("not a url")]
    public void AMissingOrUnusableUrl_NamesUrl(string? url) =>
        Assert.Equal(["url"], FieldsIn(new RegisterWebhookCommand(url, null, null)));

    [Fact]
    public void AnOverlongUrl_NamesUrl() =>
        Assert.Equal(["url"], FieldsIn(new RegisterWebhookCommand("https://h.example.com/" + new string('a', WebhookEndpoint.MaxUrlLength), null, null)));

    [Fact]
    public void AnUnknownOrNullEventType_NamesEvents()
    {
        Assert.Equal(["events"], FieldsIn(new RegisterWebhookCommand("https://h.example.com/", ["booking.created", "booking.paid"], null)));
        Assert.Equal(["events"], FieldsIn(new RegisterWebhookCommand("https://h.example.com/", [null!], null)));
    }

    [Fact]
    public void TooManyEventNames_NamesEvents() =>
        Assert.Equal(["events"], FieldsIn(new RegisterWebhookCommand("https://h.example.com/",
            Enumerable.Repeat(WebhookEventTypes.BookingCreated, WebhookEventTypes.All.Count * 2 + 1).ToList(), null)));

    [Fact]
    public void BothWrong_NamesBoth() =>
        Assert.Equal(["events", "url"], FieldsIn(new RegisterWebhookCommand("", ["nope"], null)));
}
