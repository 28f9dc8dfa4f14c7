using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AppointEase.Bench.LoadTool;

/// <summary>
/// Issue 19, acceptance 5 (decision 133): --streams N slot streams (SSE) open on --base, spread over --days (date ×
/// employee) days, each read as a browser would; then --selects selections, one at a time, through --select-base
/// (another instance on the same MariaDB + Redis, or the same one). A sample is one stream watching the selected day
/// receiving that <c>selected</c> event: from just before the select is sent to the moment the tool reads the event's
/// data line. A stream that has not received it within --event-timeout-ms is an error: a late one (it came before
/// --lost-timeout-ms) with its real latency, a lost one as a sample at that longer timeout. With --pid the tool reads
/// VmRSS/VmHWM of that process (the streams' instance) before opening, once all are open, after the selects and after
/// --hold-seconds (long enough for a keep-alive round). The first recorded select's slowest stream is reported apart
/// (a fresh instance's first event). Streams are opened
/// --open-concurrency at a time; all are closed at the end. Prints one JSON line.
/// </summary>
internal static class StreamsScenario
{
    public static async Task<string[]> RunAsync(Uri streamsBase, Options options)
    {
        var name = options.String("name", "streams");
        var count = options.Int("streams", 1000);
        var selects = options.Int("selects", 120);
        var warmupSelects = options.Int("warmup-selects", 0);
        var eventTimeout = TimeSpan.FromMilliseconds(options.Int("event-timeout-ms", 2000));
        // A sample past the timeout is an error either way; waiting longer tells a late event from a lost one.
        var lostTimeout = TimeSpan.FromMilliseconds(Math.Max(options.Int("lost-timeout-ms", 15000), eventTimeout.TotalMilliseconds));
        var gap = TimeSpan.FromMilliseconds(options.Int("gap-ms", 25));
        var hold = TimeSpan.FromSeconds(options.Double("hold-seconds", 0));
        var openConcurrency = options.Int("open-concurrency", 100);
        var openTimeout = TimeSpan.FromSeconds(options.Double("open-timeout-seconds", 180));
        var pid = options.Int("pid", 0);
        var selectBase = new Uri(options.String("select-base", streamsBase.ToString()));
        if (!selectBase.IsLoopback) throw new ArgumentException($"--select-base must be a loopback address, not {selectBase.Host}");
        var days = Days(options);
        var times = options.String("times", "09:00,09:30,10:00,10:30,11:00,13:00,13:30,14:00,14:30,15:00,15:30").Split(',');

        using var streamsHttp = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = count + 16, // one connection per stream (HTTP/1.1), as browsers on different machines
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
            UseCookies = false,
        })
        { BaseAddress = streamsBase, Timeout = Timeout.InfiniteTimeSpan };
        using var selectHttp = Api.CreateClient(selectBase, 4);

        var loadBefore = LoadAverage();
        var memory = new Dictionary<string, object?> { ["before_open"] = Memory(pid) };
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var streams = new BenchStream[count];
        var openErrors = 0;
        string? firstOpenError = null;
        using (var gate = new SemaphoreSlim(openConcurrency))
        using (var openDeadline = new CancellationTokenSource(openTimeout))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var stream = new BenchStream(i % days.Count, Slots.ClientId("st", i));
                    var error = await stream.OpenAsync(streamsHttp, days[stream.Day], openDeadline.Token);
                    if (error is null)
                    {
                        streams[i] = stream;
                        stream.StartReading(stop.Token);
                        await stream.Snapshot.Task.WaitAsync(openDeadline.Token);
                    }
                    else
                    {
                        Interlocked.Increment(ref openErrors);
                        Interlocked.CompareExchange(ref firstOpenError, error, null);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref openErrors);
                    Interlocked.CompareExchange(ref firstOpenError, "open " + e.GetType().Name, null);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        var openSeconds = clock.Elapsed.TotalSeconds;
        var open = streams.Where(s => s is not null && s.Snapshot.Task.IsCompletedSuccessfully).ToArray();
        memory["all_open"] = Memory(pid);
        Console.Error.WriteLine($"{name}: {open.Length} of {count} streams open in {openSeconds:F1} s ({openErrors} failed: {firstOpenError})");

        // One select at a time: a round waits until every open stream of the day has the event (or the timeout).
        var recorder = new Recorder(name);
        var byDay = open.GroupBy(s => s.Day).ToDictionary(g => g.Key, g => g.ToArray());
        var selectErrors = 0;
        string? firstSelectError = null;
        var rounds = 0;
        var (late, lost) = (0, 0);
        double[]? firstRound = null;
        var selectStarted = clock.Elapsed;
        var nextTime = new int[days.Count];
        for (var r = 0; r < warmupSelects + selects && byDay.Count > 0; r++)
        {
            var day = byDay.Keys.ElementAt(r % byDay.Count);
            var watchers = byDay[day].Where(s => !s.Ended).ToArray();
            if (watchers.Length == 0) continue;
            Pending? sent = null;
            for (var attempt = 0; attempt < times.Length && sent is null; attempt++)
            {
                var time = times[nextTime[day]++ % times.Length];
                var pending = new Pending(r, time, watchers.Length);
                foreach (var watcher in watchers) watcher.Expect(pending);
                pending.SentAt = Stopwatch.GetTimestamp();
                var status = await SelectAsync(selectHttp, days[day], time, $"bench-sx-{day:D5}");
                if (status == 200) { sent = pending; break; }
                foreach (var watcher in watchers) watcher.Expect(null);
                Interlocked.Increment(ref selectErrors);
                Interlocked.CompareExchange(ref firstSelectError, $"select {status}", null);
            }
            if (sent is null) continue;
            await Task.WhenAny(sent.Done.Task, Task.Delay(lostTimeout)); // each sample is judged by its own latency below
            foreach (var watcher in watchers) watcher.Expect(null);
            if (r < warmupSelects)
            {
                if (r == warmupSelects - 1) selectStarted = clock.Elapsed;
                continue; // warm-up (JIT of the write path on both instances): not recorded
            }
            var latencies = sent.Latencies();
            if (rounds++ == 0) firstRound = latencies;
            foreach (var latency in latencies)
            {
                if (latency <= eventTimeout.TotalMilliseconds) { recorder.Ok(latency); continue; }
                late++;
                recorder.Error(latency, $"selected event later than {eventTimeout.TotalMilliseconds:F0} ms");
            }
            for (var missing = sent.Expected - latencies.Length; missing > 0; missing--)
            {
                lost++;
                recorder.Error(lostTimeout.TotalMilliseconds, $"no selected event within {lostTimeout.TotalSeconds:F0} s");
            }
            await Task.Delay(gap);
        }
        var selectSeconds = (clock.Elapsed - selectStarted).TotalSeconds;
        memory["after_selects"] = Memory(pid);
        if (hold > TimeSpan.Zero)
        {
            await Task.Delay(hold);
            memory["after_hold"] = Memory(pid);
        }
        var ended = open.Count(s => s.Ended);
        var keepAlives = open.Sum(s => s.KeepAlives);
        await stop.CancelAsync();
        foreach (var stream in open) stream.Dispose();

        var extra = new
        {
            streams = count,
            open = open.Length,
            open_errors = openErrors,
            first_open_error = firstOpenError,
            open_seconds = Math.Round(openSeconds, 1),
            days = days.Count,
            streams_per_day = Math.Round(open.Length / (double)Math.Max(1, byDay.Count), 1),
            selects = rounds,
            select_errors = selectErrors,
            late_events = late,
            lost_events = lost,
            lost_timeout_ms = lostTimeout.TotalMilliseconds,
            first_select_streams = firstRound?.Length,
            first_select_max_ms = firstRound is { Length: > 0 } ? Math.Round(firstRound.Max(), 1) : (double?)null,
            first_select_error = firstSelectError,
            select_seconds = Math.Round(selectSeconds, 1),
            warmup_selects = warmupSelects,
            hold_seconds = hold.TotalSeconds,
            ended_early = ended,
            keep_alives = keepAlives,
            cross_instance = selectBase != streamsBase,
            load_before = loadBefore,
            load_after = LoadAverage(),
            memory,
        };
        return [recorder.ToJson(selectSeconds, open.Length, extra)];
    }

    private static List<(string Date, int EmployeeId)> Days(Options options)
    {
        var dates = options.String("dates").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var employees = options.Int("employees", 3);
        var wanted = options.Int("days", dates.Length * employees);
        var days = new List<(string, int)>();
        for (var e = 1; e <= employees; e++)
            foreach (var date in dates)
                days.Add((date, e));
        return days.Take(wanted).ToList();
    }

    private static async Task<int> SelectAsync(HttpClient http, (string Date, int EmployeeId) day, string time, string clientId)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/api/v1/slots/select",
                new { date = day.Date, employeeId = day.EmployeeId, time, clientId });
            await response.Content.ReadAsByteArrayAsync();
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>VmRSS and VmHWM (kB) of the measured instance, or null without --pid.</summary>
    private static Dictionary<string, long>? Memory(int pid)
    {
        if (pid <= 0) return null;
        var values = new Dictionary<string, long>();
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var parts = line.Split(':', 2);
            if (parts[0] is "VmRSS" or "VmHWM")
                values[parts[0].ToLowerInvariant() + "_kb"] = long.Parse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return values;
    }

    /// <summary>One select being waited for: its time, when it was sent, the latencies of the streams that got it.</summary>
    private sealed class Pending(int round, string time, int expected)
    {
        private readonly List<long> _receivedAt = [];

        public int Round { get; } = round;
        public string Time { get; } = time;
        public int Expected { get; } = expected;
        public long SentAt { get; set; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int ReceivedCount { get { lock (_receivedAt) return _receivedAt.Count; } }

        public void Received(long at)
        {
            lock (_receivedAt)
            {
                _receivedAt.Add(at);
                if (_receivedAt.Count == Expected) Done.TrySetResult();
            }
        }

        public double[] Latencies()
        {
            lock (_receivedAt) return [.. _receivedAt.Select(at => Stopwatch.GetElapsedTime(SentAt, at).TotalMilliseconds)];
        }
    }

    /// <summary>One open stream, read line by line as EventSource does; only <c>selected</c> events are timed.</summary>
    private sealed class BenchStream(int day, string clientId) : IDisposable
    {
        private HttpResponseMessage? _response;
        private Stream? _body;
        private Pending? _expected;

        public int Day { get; } = day;
        public TaskCompletionSource Snapshot { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Ended { get; private set; }
        public int KeepAlives { get; private set; }

        public void Expect(Pending? pending) => Volatile.Write(ref _expected, pending);

        /// <summary>Null when open, else what went wrong.</summary>
        public async Task<string?> OpenAsync(HttpClient http, (string Date, int EmployeeId) day, CancellationToken token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get,
                $"/api/v1/slots/stream?date={day.Date}&employeeId={day.EmployeeId}&clientId={clientId}");
            request.Headers.Accept.ParseAdd("text/event-stream");
            _response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (_response.StatusCode != HttpStatusCode.OK)
            {
                var status = (int)_response.StatusCode;
                _response.Dispose();
                return $"stream {status}";
            }
            _body = await _response.Content.ReadAsStreamAsync(token);
            return null;
        }

        public void StartReading(CancellationToken token) => _ = Task.Run(() => ReadAsync(token), CancellationToken.None);

        private async Task ReadAsync(CancellationToken token)
        {
            try
            {
                using var reader = new StreamReader(_body!, bufferSize: 1024);
                string? type = null;
                while (await reader.ReadLineAsync(token) is { } line)
                {
                    if (line.Length == 0) { type = null; continue; }
                    if (line[0] == ':') { KeepAlives++; continue; }
                    if (line.StartsWith("event: ", StringComparison.Ordinal)) { type = line[7..]; continue; }
                    if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                    if (type == "snapshot") Snapshot.TrySetResult();
                    else if (type == "selected") OnSelected(line);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
            {
            }
            Ended = true;
            Snapshot.TrySetCanceled();
        }

        private void OnSelected(string dataLine)
        {
            var at = Stopwatch.GetTimestamp();
            var pending = Volatile.Read(ref _expected);
            if (pending is null) return;
            using var data = JsonDocument.Parse(dataLine.AsMemory(6));
            if (data.RootElement.GetProperty("time").GetString() != pending.Time) return;
            // Once per select: the next Expect replaces it.
            if (Interlocked.CompareExchange(ref _expected, null, pending) == pending) pending.Received(at);
        }

        public void Dispose()
        {
            _body?.Dispose();
            _response?.Dispose();
        }
    }
}
