using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class BookingTraceTests : IAsyncLifetime
{
    private readonly TelemetryCapture _telemetry = new();
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = _telemetry.Attach(new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("Telemetry:HeartbeatTraceSampleRatio", "0"));
        _client = _app.CreateClient();
        await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task ConfirmBooking_YieldsOneTrace_FromHttpThroughTheMediatorToSqlAndRedisSpans()
    {
        var api = new BookingApi(_app, _client);
        var service = await api.ServiceIdAsync("Haircut");
        var employee = await api.EmployeeIdAsync();
        var date = TestDates.Weekday(4);
        var locked = await _client.PostAsJsonAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId = employee, time = "10:00", clientId = "trace-client-1" });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var token = (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockToken").GetString();

        await api.ConfirmOkAsync(BookingApi.Body(service, employee, date, "10:00", token));

        // The server span ends after the response is on its way, so on a busy machine it can land just after the reply.
        var server = Assert.Single(await Eventually(() => _telemetry.Spans.Where(s => s.Kind == ActivityKind.Server
            && s.GetTagItem("url.path") as string == "/api/v1/appointments" && s.DisplayName.StartsWith("POST", StringComparison.Ordinal)).ToList(),
            found => found.Count > 0));
        var mediator = Assert.Single(_telemetry.Spans, s => s.TraceId == server.TraceId && s.Source.Name == "AppointEase");
        Assert.Equal("ConfirmBookingCommand", mediator.DisplayName);
        Assert.Equal(server.SpanId, mediator.ParentSpanId);

        // Redis spans are built from the profiler by a drain loop (every second), so they may arrive a little later.
        var (sql, redis) = await Eventually(() =>
        {
            var inTrace = _telemetry.Spans.Where(s => s.TraceId == server.TraceId && DescendsFrom(s, mediator)).ToList();
            return (inTrace.Where(s => s.Kind == ActivityKind.Client && DbSystem(s) is { } db && db != "redis").ToList(),
                inTrace.Where(s => s.Kind == ActivityKind.Client && DbSystem(s) == "redis").ToList());
        }, found => found.Item1.Count > 0 && found.Item2.Count > 0);

        Assert.NotEmpty(sql);
        Assert.NotEmpty(redis);
        Assert.All(sql.Concat(redis), s => Assert.Equal(server.TraceId, s.TraceId));
    }

    [Fact]
    public async Task HeartbeatPolls_AreLeftOutOfTraces_AtARatioOfZero_WhileOtherRequestsAreTraced()
    {
        var api = new BookingApi(_app, _client);
        var employee = await api.EmployeeIdAsync();
        var date = TestDates.Weekday(5);
        for (var i = 0; i < 5; i++)
        {
            var beat = await _client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId = employee, clientId = "trace-poller-1" });
            Assert.Equal(HttpStatusCode.OK, beat.StatusCode);
        }
        var selected = await _client.PostAsJsonAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = employee, time = "11:00", clientId = "trace-poller-1" });
        Assert.True(selected.IsSuccessStatusCode, $"select answered {selected.StatusCode}");

        var select = await Eventually(() => _telemetry.Spans.Where(s => s.Kind == ActivityKind.Server
            && s.GetTagItem("url.path") as string == "/api/v1/slots/select").ToList(), found => found.Count > 0);
        Assert.Single(select);
        Assert.DoesNotContain(_telemetry.Spans, s => s.GetTagItem("url.path") as string == "/api/v1/heartbeat");
        Assert.DoesNotContain(_telemetry.Spans, s => s.Source.Name == "AppointEase" && s.DisplayName.Contains("Heartbeat", StringComparison.Ordinal));
    }

    private bool DescendsFrom(Activity span, Activity ancestor)
    {
        var byId = _telemetry.Spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var parent = span.ParentSpanId; parent != default; parent = byId.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
            if (parent == ancestor.SpanId) return true;
        return false;
    }

    /// <summary>Old and new semantic-convention attribute names: the instrumentations are in beta and emit either.</summary>
    private static string? DbSystem(Activity span) =>
        (span.GetTagItem("db.system.name") ?? span.GetTagItem("db.system")) as string;

    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> done)
    {
        var value = read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(100);
            value = read();
        }
        return value;
    }
}
