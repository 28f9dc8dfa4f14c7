using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>One answered request of the load, on the test's clock (milliseconds since the load started).</summary>
internal sealed record Sample(string Kind, double StartMs, double ElapsedMs, int Status, bool HasRetryAfter)
{
    public double EndMs => StartMs + ElapsedMs;
    public bool Succeeded => Status is >= 200 and < 300 or 304;
}

/// <summary>A booking the API answered 201 for, with what is needed to read it back.</summary>
internal sealed record Booked(int Id, string Reference, string ManageToken);

/// <summary>
/// Customers booking through the HTTP API (lock a free slot, confirm it, read the booking back) plus visitors polling
/// the heartbeat of another employee's day, until stopped. After a failed attempt a customer moves on to a new slot,
/// so no answer depends on the previous one. Every answer is recorded for the assertions.
/// </summary>
internal sealed class BookingLoad(HttpClient client, IReadOnlyList<(DateOnly Date, string Time)> slots, int serviceId, int bookingEmployee,
    DateOnly heartbeatDate, int heartbeatEmployee)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(DateOnly Date, string Time)> _free = new(slots);
    private readonly ConcurrentQueue<Sample> _samples = new();
    private readonly ConcurrentQueue<Booked> _booked = new();

    /// <summary>
    /// A customer's pause after each booking. Without it the customers book as fast as the app answers, and a fast enough
    /// build books the employee's whole horizon (under 900 free slots) before the run is over, leaving nothing to book
    /// after the recovery the test checks.
    /// </summary>
    private const int ThinkMs = 30;

    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    /// <summary>Free slots nobody has tried yet: the run must not end with none, or "books after recovery" proves nothing.</summary>
    public int FreeSlotsLeft => _free.Count;
    public IReadOnlyList<Sample> Samples => [.. _samples];
    public IReadOnlyList<Booked> Booked => [.. _booked];

    public Task RunAsync(int customers, int visitors, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, customers).Select(i => CustomerAsync(i, stop))
            .Concat(Enumerable.Range(0, visitors).Select(i => VisitorAsync(i, stop))));

    private async Task CustomerAsync(int index, CancellationToken stop)
    {
        var clientId = $"customer-{index}-{Guid.NewGuid():N}"[..32];
        while (!stop.IsCancellationRequested && _free.TryDequeue(out var slot))
        {
            var (lockStatus, lockBody) = await SendAsync("lock", HttpMethod.Post, "/api/v1/slots/lock",
                new { date = slot.Date.Text(), employeeId = bookingEmployee, time = slot.Time, clientId });
            if (lockStatus != 200) { await PauseAsync(stop); continue; }
            var lockToken = lockBody.GetProperty("lockToken").GetString();

            var (status, body) = await SendAsync("confirm", HttpMethod.Post, "/api/v1/appointments", new
            {
                serviceId, employeeId = bookingEmployee, date = slot.Date.Text(), time = slot.Time, lockToken,
                customer = new { name = "Load Customer", email = $"load{index}@example.com" },
            }, idempotencyKey: Guid.NewGuid().ToString("N"));
            if (status != 201) { await PauseAsync(stop); continue; }
            var booked = new Booked(body.GetProperty("id").GetInt32(), body.GetProperty("reference").GetString()!, body.GetProperty("manageToken").GetString()!);
            _booked.Enqueue(booked);
            await SendAsync("read", HttpMethod.Get, $"/api/v1/appointments/{booked.Id}", manageToken: booked.ManageToken);
            await Task.Delay(ThinkMs, CancellationToken.None);
        }
    }

    private async Task VisitorAsync(int index, CancellationToken stop)
    {
        var clientId = $"visitor-{index}-{Guid.NewGuid():N}"[..32];
        while (!stop.IsCancellationRequested)
        {
            await SendAsync("heartbeat", HttpMethod.Post, "/api/v1/heartbeat", new { date = heartbeatDate.Text(), employeeId = heartbeatEmployee, clientId });
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Readiness while the load runs, as an operator's probe sees it.</summary>
    public async Task ProbeReadinessAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await SendAsync("ready", HttpMethod.Get, "/health/ready");
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static Task PauseAsync(CancellationToken stop) => Task.Delay(20, CancellationToken.None);

    private async Task<(int Status, JsonElement Body)> SendAsync(string kind, HttpMethod method, string url, object? body = null,
        string? idempotencyKey = null, string? manageToken = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (manageToken is not null) request.Headers.Add("X-Manage-Token", manageToken);
        var started = NowMs;
        using var response = await client.SendAsync(request, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
        _samples.Enqueue(new Sample(kind, started, NowMs - started, (int)response.StatusCode, response.Headers.RetryAfter is not null));
        var json = response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created && text.Length > 0 && text[0] == '{'
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return ((int)response.StatusCode, json);
    }
}
