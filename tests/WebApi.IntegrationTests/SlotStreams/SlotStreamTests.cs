using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.SlotStreams;

/// <summary>
/// Issue 19, acceptance 1, in Redis mode (MariaDB + Redis) over a real socket: what a stream sends, in which order,
/// how it resumes, and that a visitor's own holds are not echoed.
/// </summary>
public sealed class SlotStreamTests(SlotStreamTests.App fixture) : IClassFixture<SlotStreamTests.App>
{
    private const int Employee = 1;
    private readonly HttpClient _client = fixture.Client;

    public sealed class App : IAsyncLifetime
    {
        public AppFactory Factory { get; } = new AppFactory(DatabaseKind.MariaDb, useRedis: true)
            .With("SlotStreams:ReplayEvents", "8").Listening();

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Client = Factory.StreamClient();
            await Factory.Services.GetRequiredService<RedisSlotChangeFeed>().Subscribed;
        }

        public Task DisposeAsync() => ((IAsyncLifetime)Factory).DisposeAsync();
    }

    private static string NewClient(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    private Task<SseStream> OpenAsync(DateOnly date, string clientId, string? lastEventId = null) =>
        SseStream.OpenAsync(_client, SseStream.Url(date, Employee, clientId), lastEventId);

    private async Task<HttpResponseMessage> PostOkAsync(string path, object body)
    {
        var response = await _client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private Task SelectAsync(DateOnly date, string time, string clientId) =>
        PostOkAsync("/api/v1/slots/select", new { date = date.Text(), employeeId = Employee, time, clientId });

    private Task DeselectAsync(DateOnly date, string time, string clientId) =>
        PostOkAsync("/api/v1/slots/deselect", new { date = date.Text(), employeeId = Employee, time, clientId });

    private async Task<string> LockAsync(DateOnly date, string time, string clientId)
    {
        var response = await PostOkAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId = Employee, time, clientId });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lockToken").GetString()!;
    }

    private static async Task ExpectAsync(SseStream stream, string type, string time, string? hold = null)
    {
        var next = await stream.NextAsync();
        Assert.True(next.Type == type && next.Time == time, $"expected {type} {time}, got {next}");
        if (hold is not null) Assert.Equal(hold, next.Data.GetProperty("hold").GetString());
        Assert.False(string.IsNullOrEmpty(next.Id), $"{next} has no id");
    }

    [Fact]
    public async Task Stream_StartsWithRetryHintAndASnapshotInTheHeartbeatShape_AndKeepsAlive()
    {
        var date = TestDates.Weekday(20);
        var other = NewClient("other");
        await SelectAsync(date, "09:00", other);
        await using var stream = await OpenAsync(date, NewClient("viewer"));

        stream.EnsureOpened();
        Assert.Equal("no-cache", stream.Response.Headers.CacheControl?.ToString());
        var snapshot = await stream.NextAsync();
        Assert.Equal(3000, stream.Retry);
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(["09:00"], snapshot.Data.GetProperty("activeSelections").EnumerateArray().Select(e => e.GetString()));
        foreach (var property in new[] { "bookedSlots", "lockedSlots", "redisStatus", "storageMode", "heartbeatIntervalMs", "serverTime" })
            Assert.True(snapshot.Data.TryGetProperty(property, out _), $"snapshot lacks {property}");
        Assert.Equal("redis", snapshot.Data.GetProperty("storageMode").GetString());

        await SelectAsync(date, "09:30", other); // after a second of quiet the keep-alive comment comes first
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await SelectAsync(date, "10:00", other);
        while ((await stream.NextAsync()).Time != "10:00") { }
        Assert.Contains(": keep-alive", stream.Comments);
    }

    [Fact]
    public async Task Stream_SendsEveryEventType_InOrder_WithTheSlotTime()
    {
        var date = TestDates.Weekday(21);
        var visitor = NewClient("visitor");
        await using var stream = await OpenAsync(date, NewClient("viewer"));
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);

        await SelectAsync(date, "10:00", visitor);
        await ExpectAsync(stream, "selected", "10:00");
        await SelectAsync(date, "10:30", visitor);
        await ExpectAsync(stream, "deselected", "10:00");
        await ExpectAsync(stream, "selected", "10:30");
        var token = await LockAsync(date, "10:30", visitor);
        await ExpectAsync(stream, "locked", "10:30");
        var released = await _client.DeleteAsync($"/api/v1/slots/lock/{token}?clientId={visitor}");
        Assert.Equal(HttpStatusCode.NoContent, released.StatusCode);
        await ExpectAsync(stream, "released", "10:30");
        await DeselectAsync(date, "10:30", visitor);
        await ExpectAsync(stream, "deselected", "10:30");

        // Holds that run out: the store's TTL, seen by the once-a-second read.
        var store = fixture.Factory.Services.GetRequiredService<ISlotStateStore>();
        await store.SelectAsync(new SlotKey(date, Employee, new TimeOnly(11, 0)), ClientId.Parse(visitor), TimeSpan.FromSeconds(1), default);
        await ExpectAsync(stream, "selected", "11:00");
        await ExpectAsync(stream, "expired", "11:00", hold: "selection");
        await store.LockAsync(new SlotKey(date, Employee, new TimeOnly(11, 30)), ClientId.Parse(visitor), TimeSpan.FromSeconds(1), default);
        await ExpectAsync(stream, "locked", "11:30");
        await ExpectAsync(stream, "expired", "11:30", hold: "lock");

        // A booking: its lock is not "released", the slot is "booked"; cancelling frees it again.
        var api = new BookingApi(fixture.Factory, _client);
        var bookingLock = await LockAsync(date, "16:00", visitor);
        await ExpectAsync(stream, "locked", "16:00");
        var booked = await api.ConfirmOkAsync(BookingApi.Body(await api.ServiceIdAsync("Haircut"), Employee, date, "16:00", bookingLock));
        var afterBooking = await stream.NextAsync();
        // The booking is announced before its lock goes (decision 141): never "released" in between, whatever the reads.
        Assert.True(afterBooking is { Type: "booked", Time: "16:00" }, $"expected booked 16:00, got {afterBooking}");
        var cancel = await api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}",
            manageToken: booked.GetProperty("manageToken").GetString());
        Assert.True(cancel.IsSuccessStatusCode, $"cancel: {(int)cancel.StatusCode}");
        var next = await stream.NextAsync();
        while (next.Type == "booked") next = await stream.NextAsync(); // a 30-minute booking may block more than one start
        Assert.True(next.Type == "cancelled" && next.Time == "16:00", $"expected cancelled 16:00, got {next}");
    }

    [Fact]
    public async Task Stream_LeavesTheVisitorsOwnSelectionAndLockOut()
    {
        var date = TestDates.Weekday(22);
        var me = NewClient("me");
        await using var stream = await OpenAsync(date, me);
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);

        await SelectAsync(date, "14:00", me);
        await LockAsync(date, "14:00", me);
        await SelectAsync(date, "14:30", NewClient("other"));

        await ExpectAsync(stream, "selected", "14:30"); // the first event is the other visitor's: mine were not echoed
    }

    [Fact]
    public async Task Stream_ShowsATimeSelectedByTwoOthers_UntilBothLeaveIt()
    {
        var date = TestDates.Weekday(23);
        var (first, second) = (NewClient("first"), NewClient("second"));
        await using var stream = await OpenAsync(date, NewClient("viewer"));
        Assert.Equal("snapshot", (await stream.NextAsync()).Type);

        await SelectAsync(date, "15:00", first);
        await ExpectAsync(stream, "selected", "15:00");
        await SelectAsync(date, "15:00", second);
        await DeselectAsync(date, "15:00", first);
        await SelectAsync(date, "16:00", first);
        await ExpectAsync(stream, "selected", "16:00"); // neither the second selection nor the first deselect changed 15:00
        await DeselectAsync(date, "15:00", second);
        await ExpectAsync(stream, "deselected", "15:00");
    }

    [Fact]
    public async Task Resume_WithLastEventId_ReplaysWhatWasMissed()
    {
        var date = TestDates.Weekday(24);
        var visitor = NewClient("visitor");
        await using var keeper = await OpenAsync(date, NewClient("keeper")); // keeps the day's reader and its window alive
        Assert.Equal("snapshot", (await keeper.NextAsync()).Type);
        var viewer = NewClient("viewer");
        string lastSeen;
        await using (var first = await OpenAsync(date, viewer))
        {
            Assert.Equal("snapshot", (await first.NextAsync()).Type);
            await SelectAsync(date, "13:00", visitor);
            lastSeen = (await first.NextAsync()).Id!;
        }
        await SelectAsync(date, "13:30", visitor);
        await ExpectAsync(keeper, "selected", "13:00");
        await ExpectAsync(keeper, "deselected", "13:00");
        await ExpectAsync(keeper, "selected", "13:30");

        await using var resumed = await OpenAsync(date, viewer, lastSeen);
        await ExpectAsync(resumed, "deselected", "13:00");
        await ExpectAsync(resumed, "selected", "13:30");
    }

    [Fact]
    public async Task Resume_WithAnUnknownOrTooOldId_GetsAFreshSnapshot()
    {
        var date = TestDates.Weekday(25);
        var visitor = NewClient("visitor");
        await using var keeper = await OpenAsync(date, NewClient("keeper"));
        var start = await keeper.NextAsync();
        Assert.Equal("snapshot", start.Type);

        // The window keeps 8 events (this fixture): after 9 more, the snapshot's id is too old to replay from.
        await SelectAsync(date, "09:00", visitor);
        await ExpectAsync(keeper, "selected", "09:00");
        foreach (var time in new[] { "09:30", "10:00", "10:30", "11:00", "11:30" })
        {
            await SelectAsync(date, time, visitor);
            await keeper.NextAsync();
            await keeper.NextAsync();
        }

        await using var tooOld = await OpenAsync(date, NewClient("late"), start.Id);
        var snapshot = await tooOld.NextAsync();
        Assert.Equal("snapshot", snapshot.Type);
        Assert.Equal(["11:30"], snapshot.Data.GetProperty("activeSelections").EnumerateArray().Select(e => e.GetString()));

        await using var unknown = await SseStream.OpenAsync(_client, SseStream.Url(date, Employee, NewClient("stray"), lastEventId: "0badc0de-3"));
        Assert.Equal("snapshot", (await unknown.NextAsync()).Type);
    }

    [Fact]
    public async Task Stream_WithABadClientId_Is422NamingTheField()
    {
        var response = await _client.GetAsync(SseStream.Url(TestDates.Weekday(20), Employee, "bad id"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "clientId");
    }
}
