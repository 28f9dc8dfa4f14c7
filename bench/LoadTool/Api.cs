using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AppointEase.Bench.LoadTool;

internal sealed record Slot(string Date, int EmployeeId, string Time);

/// <summary>The few AppointEase calls the scenarios make, each timed into a recorder.</summary>
internal sealed class Api(HttpClient http)
{
    /// <summary>Consultation (60 min): the one demo service every employee offers.</summary>
    public const int ServiceId = 3;

    /// <summary>A client for the scenario; with a request log every request is also written to it.</summary>
    public static HttpClient CreateClient(Uri baseUri, int connections, RequestLog? log = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
        };
        if (log is not null) handler = new RequestLog.Handler(log, handler);
        return new HttpClient(handler)
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>
    /// Available starts of the service for each employee over the given days (31-day windows), on the full hour only:
    /// the service takes 60 minutes, so two hour-aligned slots never overlap and every client's slot stays its own.
    /// </summary>
    public async Task<List<Slot>> FreeSlotsAsync(DateOnly from, int days, int employees)
    {
        var slots = new List<Slot>();
        for (var employee = 1; employee <= employees; employee++)
        {
            for (var start = from; start < from.AddDays(days); start = start.AddDays(31))
            {
                var end = start.AddDays(Math.Min(31, days - (start.DayNumber - from.DayNumber)) - 1);
                var url = $"/api/v1/availability?from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}&employeeId={employee}&serviceId={ServiceId}";
                using var doc = JsonDocument.Parse(await GetWithRetriesAsync(url));
                foreach (var day in doc.RootElement.EnumerateArray())
                    foreach (var slot in day.GetProperty("slots").EnumerateArray())
                        if (slot.GetProperty("status").GetString() == "available" && slot.GetProperty("time").GetString()!.EndsWith(":00", StringComparison.Ordinal))
                            slots.Add(new Slot(day.GetProperty("date").GetString()!, employee, slot.GetProperty("time").GetString()!));
            }
        }
        return slots;
    }

    /// <summary>
    /// Slot discovery runs before any measurement, often against a cold instance on a busy machine: a timeout or a
    /// refused connection there is retried (5 attempts) instead of ending the whole run.
    /// </summary>
    private async Task<string> GetWithRetriesAsync(string url)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await http.GetStringAsync(url); }
            catch (Exception e) when (attempt < 5 && e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    public async Task<string?> LockAsync(Slot slot, string clientId, Recorder recorder)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsJsonAsync("/api/v1/slots/lock",
                new { date = slot.Date, employeeId = slot.EmployeeId, time = slot.Time, clientId });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                recorder.Error(Recorder.Since(started), $"lock {(int)response.StatusCode}");
                return null;
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            recorder.Ok(Recorder.Since(started));
            return doc.RootElement.GetProperty("lockToken").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error(Recorder.Since(started), "lock " + e.GetType().Name);
            return null;
        }
    }

    public Task<bool> ReleaseAsync(string token, string clientId, Recorder recorder) =>
        TimedAsync(recorder, "release", HttpStatusCode.NoContent,
            () => http.DeleteAsync($"/api/v1/slots/lock/{Uri.EscapeDataString(token)}?clientId={clientId}"));

    public Task<bool> SelectAsync(Slot slot, string clientId, Recorder recorder) =>
        TimedAsync(recorder, "select", HttpStatusCode.OK, () => http.PostAsJsonAsync("/api/v1/slots/select",
            new { date = slot.Date, employeeId = slot.EmployeeId, time = slot.Time, clientId }));

    public Task<bool> ConfirmAsync(Slot slot, string? lockToken, string clientId, Recorder recorder)
    {
        var request = BookingRequest(slot, lockToken, clientId, "Bench Customer");
        return TimedAsync(recorder, "confirm", HttpStatusCode.Created, () => http.SendAsync(request));
    }

    /// <summary>
    /// Lock, confirm and cancel one slot (untimed): the slot is free again afterwards, so a warm-up can book for as long
    /// as it needs on a few slots. False when any step was refused. <paramref name="email"/> is the customer's address:
    /// a new one per booking takes the path of a timed confirm (a first booking is mailed; an address past its
    /// unverified-recipient limit is not, and its booking reads the sign-in sessions instead).
    /// </summary>
    public async Task<bool> BookAndCancelAsync(Slot slot, string clientId, string email)
    {
        var untimed = new Recorder("warmup");
        if (await LockAsync(slot, clientId, untimed) is not { } lockToken) return false;
        using var confirm = BookingRequest(slot, lockToken, clientId, "Bench Customer", email);
        using var booked = await http.SendAsync(confirm);
        if (booked.StatusCode != HttpStatusCode.Created) return false;
        var body = await booked.Content.ReadFromJsonAsync<JsonElement>();
        using var cancel = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/appointments/{body.GetProperty("id").GetInt32()}");
        cancel.Headers.Add("X-Manage-Token", body.GetProperty("manageToken").GetString());
        using var cancelled = await http.SendAsync(cancel);
        return cancelled.IsSuccessStatusCode;
    }

    /// <summary>POST /appointments for one slot, with a fresh Idempotency-Key; a null token books without a hold.</summary>
    private static HttpRequestMessage BookingRequest(Slot slot, string? lockToken, string clientId, string customerName, string? email = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
        {
            Content = JsonContent.Create(new
            {
                serviceId = ServiceId, employeeId = slot.EmployeeId, date = slot.Date, time = slot.Time, lockToken, clientId,
                customer = new { name = customerName, email = email ?? $"{clientId}@bench.example", phone = (string?)null },
                notes = (string?)null,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return request;
    }

    /// <summary>A booking without a lock token (the race's contender); returns the status, 0 when nothing answered.</summary>
    public async Task<int> BookAsync(Slot slot, string clientId, Recorder recorder)
    {
        using var request = BookingRequest(slot, null, clientId, "Race Contender");
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            if (status is 201 or 409) recorder.Ok(Recorder.Since(started));
            else recorder.Error(Recorder.Since(started), $"book {status}");
            return status;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error(Recorder.Since(started), "book " + e.GetType().Name);
            return 0;
        }
    }

    /// <summary>One heartbeat; returns the storageMode it reported, or null on failure.</summary>
    public async Task<string?> HeartbeatAsync(Slot day, string clientId, string? selectedTime, Recorder recorder)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsJsonAsync("/api/v1/heartbeat",
                new { date = day.Date, employeeId = day.EmployeeId, clientId, selectedTime });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                recorder.Error(Recorder.Since(started), $"heartbeat {(int)response.StatusCode}");
                return null;
            }
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            recorder.Ok(Recorder.Since(started));
            return doc.RootElement.GetProperty("storageMode").GetString();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            recorder.Error(Recorder.Since(started), "heartbeat " + e.GetType().Name);
            return null;
        }
    }

    private static async Task<bool> TimedAsync(Recorder recorder, string what, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == expected)
            {
                recorder.Ok(Recorder.Since(started));
                return true;
            }
            recorder.Error(Recorder.Since(started), $"{what} {(int)response.StatusCode}");
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder.Error(Recorder.Since(started), $"{what} {e.GetType().Name}");
            return false;
        }
    }
}
