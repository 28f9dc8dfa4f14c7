using System.Net;
using System.Text;
using System.Text.Json;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>One Server-Sent Event as a browser's EventSource would dispatch it.</summary>
public sealed record SseEvent(string? Id, string Type, JsonElement Data)
{
    public string? Time => Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("time", out var t) ? t.GetString() : null;

    public override string ToString() => $"{Type} {Data.GetRawText()} (id {Id})";
}

/// <summary>
/// A text/event-stream read over a real socket (headers first, then line by line, each read with a deadline), parsed
/// the way EventSource does: comments and <c>retry:</c> noted, blocks with data dispatched as events.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;
    public int? Retry { get; private set; }
    public List<string> Comments { get; } = [];
    public string? LastEventId { get; private set; }

    public static async Task<SseStream> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        using var timeout = new CancellationTokenSource(DefaultWait);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new Xunit.Sdk.XunitException($"stream not opened: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
        var stream = new SseStream(response, await response.Content.ReadAsStreamAsync(timeout.Token));
        return stream;
    }

    public static string Url(DateOnly date, int employeeId, string clientId, string? lastEventId = null) =>
        $"/api/v1/slots/stream?date={date:yyyy-MM-dd}&employeeId={employeeId}&clientId={clientId}" +
        (lastEventId is null ? "" : $"&lastEventId={Uri.EscapeDataString(lastEventId)}");

    public void EnsureOpened()
    {
        Assert.Equal(HttpStatusCode.OK, _response.StatusCode);
        Assert.Equal("text/event-stream", _response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The next dispatched event; fails the test when none comes within <paramref name="wait"/> or the stream ends.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? wait = null)
    {
        using var deadline = new CancellationTokenSource(wait ?? DefaultWait);
        string? id = null, type = null;
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try { line = await _reader.ReadLineAsync(deadline.Token); }
            catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"no event within {(wait ?? DefaultWait).TotalSeconds} s"); }
            if (line is null) throw new Xunit.Sdk.XunitException("the stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    if (id is not null) LastEventId = id;
                    return new SseEvent(id, type ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }
                id = type = null;
                continue;
            }
            if (line.StartsWith(':')) { Comments.Add(line); continue; }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Append(value); break;
                case "retry": Retry = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
    }

    /// <summary>The next event of <paramref name="type"/>, skipping others (fails after <paramref name="wait"/> in all).</summary>
    public async Task<SseEvent> NextOfTypeAsync(string type, TimeSpan? wait = null)
    {
        var until = DateTime.UtcNow + (wait ?? DefaultWait);
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new Xunit.Sdk.XunitException($"no {type} event in time");
            var next = await NextAsync(left);
            if (next.Type == type) return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
