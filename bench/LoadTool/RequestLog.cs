using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// --request-log FILE: one JSON line per HTTP request — wall-clock start (Unix ms, the clock scripts/reliability.sh
/// stamps its fault windows with), elapsed ms, method, path, status (0 = no answer) — so a run can be judged request
/// by request against the outage windows. A 201 from POST /api/v1/appointments also carries the booking's id,
/// manage token, slot and reference, which the reliability check reads back afterwards.
/// </summary>
internal sealed class RequestLog : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new() { SingleReader = true });
    private readonly Task _writer;

    private RequestLog(string path)
    {
        _writer = Task.Run(async () =>
        {
            await using var file = new StreamWriter(path, append: true);
            await foreach (var line in _lines.Reader.ReadAllAsync()) await file.WriteLineAsync(line);
        });
    }

    public static RequestLog? From(Options options) =>
        options.String("request-log", "") is { Length: > 0 } path ? new RequestLog(path) : null;

    public void Write(object entry) => _lines.Writer.TryWrite(JsonSerializer.Serialize(entry));

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer;
    }

    /// <summary>The handler that records every request of an HttpClient into the log.</summary>
    public sealed class Handler(RequestLog log, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var started = Stopwatch.GetTimestamp();
            var method = request.Method.Method;
            var path = request.RequestUri?.AbsolutePath ?? "";
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                // The body is buffered here so the elapsed time covers the whole answer, as the client sees it.
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var status = (int)response.StatusCode;
                var booking = status == (int)HttpStatusCode.Created && method == "POST" && path == "/api/v1/appointments"
                    ? ReadBooking(await response.Content.ReadAsStringAsync(cancellationToken))
                    : null;
                log.Write(new { t = startedAt, ms = Recorder.Since(started), m = method, p = path, s = status, booking });
                return response;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                log.Write(new { t = startedAt, ms = Recorder.Since(started), m = method, p = path, s = 0, e = e.GetType().Name });
                throw;
            }
        }

        private static object? ReadBooking(string json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                return new
                {
                    id = root.GetProperty("id").GetInt64(),
                    reference = root.GetProperty("reference").GetString(),
                    manageToken = root.GetProperty("manageToken").GetString(),
                    employeeId = root.GetProperty("employeeId").GetInt32(),
                    date = root.GetProperty("date").GetString(),
                    time = root.GetProperty("time").GetString(),
                };
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return new { unreadable = e.GetType().Name };
            }
        }
    }
}
