using System.Net;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Widget;

/// <summary>The WebApi build puts the widget into wwwroot/app; the app serves its host page and files, and leaves the API alone.</summary>
public sealed class WidgetHostingTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/manage?appointment=1&token=abc")]
    public async Task HostPage_IsServedAsHtmlWithTheWidgetMount(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-appointease", html);
        Assert.Contains("/app/appointease.js", html);
    }

    [Theory]
    [InlineData("/app/appointease.js", "text/javascript")]
    [InlineData("/app/appointease.css", "text/css")]
    public async Task WidgetFiles_AreServedWithRevalidation(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task UnknownApiPath_StillAnswers404_NotTheHostPage()
    {
        var response = await _client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
