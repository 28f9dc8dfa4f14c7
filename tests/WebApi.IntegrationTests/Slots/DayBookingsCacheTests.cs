using System.Net;
using System.Net.Http.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>
/// Select, lock and availability take the day's bookings from the Redis cache the heartbeat keeps (no bookings query when
/// warm) and the cache is dropped by every booking (decision 071). What the cache itself keeps and when it lets go:
/// <see cref="RedisDayBookingsCacheTests"/>.
/// </summary>
public sealed class DayBookingsCacheTests : IClassFixture<DayBookingsCacheTests.Factory>, IAsyncLifetime
{
    private readonly Factory _app;
    private readonly BookingApi _api;

    public DayBookingsCacheTests(Factory app)
    {
        _app = app;
        _api = new BookingApi(app, app.CreateClient());
    }

    /// <summary>The app's start-up check drops every cached day once Redis answers; a test's cache must outlive that.</summary>
    public async Task InitializeAsync() => await _app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Slot(DateOnly date, int employeeId, string time, string clientId) =>
        new { date = date.Text(), employeeId, time, clientId };

    [Fact]
    public async Task SelectAndLock_OnAWarmDay_DoNotQueryTheBookings()
    {
        var (alex, date) = (await _api.EmployeeIdAsync(), TestDates.Weekday(2));
        var warmUp = await RecordedAsync(HttpMethod.Post, "/api/v1/slots/select", Slot(date, alex, "09:00", "warm-up-client"));
        Assert.Contains(warmUp.Commands, ReadsBookings); // a cold day: read from SQL, then cached

        var select = await RecordedAsync(HttpMethod.Post, "/api/v1/slots/select", Slot(date, alex, "10:00", "carol-client"));
        var locked = await RecordedAsync(HttpMethod.Post, "/api/v1/slots/lock", Slot(date, alex, "11:00", "carol-client"));

        Assert.Equal(HttpStatusCode.OK, select.Status);
        Assert.Equal(HttpStatusCode.OK, locked.Status);
        // Catalogue and settings come from 5-second caches (a reload could fall in this request on a slow machine);
        // the day's bookings must come from Redis.
        Assert.DoesNotContain(select.Commands, ReadsBookings);
        Assert.DoesNotContain(locked.Commands, ReadsBookings);
    }

    [Fact]
    public async Task Lock_OnAStartBookedAfterTheDayWasCached_IsRefusedAsBooked()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(3));
        Assert.Equal(HttpStatusCode.OK, (await _api.Client.PostAsJsonAsync("/api/v1/slots/select", Slot(date, alex, "14:00", "dave-client"))).StatusCode);

        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "14:00", email: "cache-drop@example.com"));
        var locked = await _api.Client.PostAsJsonAsync("/api/v1/slots/lock", Slot(date, alex, "14:00", "erin-client"));

        var problem = await locked.AssertProblemAsync(HttpStatusCode.Conflict, "time");
        Assert.Equal("slot_booked", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Availability_FromTheWarmCache_EqualsTheColdAnswer_ForALongServiceAroundABooking_WithoutQueryingBookings()
    {
        var (haircut, colouring, alex, date) =
            (await _api.ServiceIdAsync("Haircut"), await _api.ServiceIdAsync("Colouring"), await _api.EmployeeIdAsync(), TestDates.Weekday(1));
        await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "11:00", email: "busy-cache@example.com"));
        var url = $"/api/v1/availability?date={date.Text()}&employeeId={alex}&serviceId={colouring}";

        var cold = await RecordedAsync(HttpMethod.Get, url);
        var warm = await RecordedAsync(HttpMethod.Get, url);

        Assert.Contains(cold.Commands, ReadsBookings);
        Assert.Equal(cold.Body, warm.Body);
        // Colouring is 90 min + 15 after: 10:00 runs into the 11:00 haircut, so only the busy intervals (not the
        // one-step booked starts) can mark it booked.
        Assert.Contains("{\"time\":\"10:00\",\"status\":\"booked\"}", warm.Body);
        Assert.DoesNotContain(warm.Commands, ReadsBookings);
    }

    private static bool ReadsBookings(string sql) => sql.Contains("`appointments`", StringComparison.Ordinal);

    private async Task<(HttpStatusCode Status, string Body, IReadOnlyList<string> Commands)> RecordedAsync(HttpMethod method, string url,
        object? body = null)
    {
        var requestId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(RequestCommandRecorder.Header, requestId);
        using var response = await _api.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), _app.Commands.CommandsOf(requestId));
    }

    /// <summary>MariaDB + Redis with each recorded request's SQL kept; no job server.</summary>
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb, useRedis: true)
        {
            With("Jobs:RunServer", "false");
            ConfigureServices = services => Commands.Register(services, DatabaseKind.MariaDb);
        }

        public RequestCommandRecorder Commands { get; } = new();
    }
}
