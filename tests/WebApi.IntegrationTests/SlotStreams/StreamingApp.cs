using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// The app on a real Kestrel socket (<c>UseKestrel(0)</c>), so streams are read over TCP as a browser reads them:
/// headers first, then each event as it is flushed. Keep-alive every second so tests see it.
/// </summary>
public static class StreamingApp
{
    public static AppFactory Listening(this AppFactory app)
    {
        app.With("SlotStreams:KeepAliveSeconds", "1");
        app.UseKestrel(0);
        return app;
    }

    public static HttpClient StreamClient(this AppFactory app)
    {
        var client = app.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}
