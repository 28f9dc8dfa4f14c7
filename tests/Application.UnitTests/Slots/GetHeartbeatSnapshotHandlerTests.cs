using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Slots;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.UnitTests.Slots;

[TestsFor(typeof(GetHeartbeatSnapshotHandler))]
public sealed class GetHeartbeatSnapshotHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Date = "2026-12-02";
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private SlotKey At(int hour) => new(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, 0));

    private Task<Result<HeartbeatSnapshot>> BeatAsync(string? selected = null, string date = Date) =>
        _world.Create<GetHeartbeatSnapshotHandler>().Handle(new GetHeartbeatSnapshotQuery(date, _world.EmployeeId, TestWorld.Client, selected), default).AsTask();

    [Fact]
    public async Task Heartbeat_ShowsOthersHoldsAndBookedStarts_NotTheCallersOwn()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        await _world.Slots.SelectAsync(At(10), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(1), default);
        await _world.Slots.LockAsync(At(11), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(5), default);
        await _world.Slots.LockAsync(At(12), ClientId.Parse(TestWorld.Client), TimeSpan.FromMinutes(5), default);

        var snapshot = (await BeatAsync(selected: "09:00")).Value!;

        Assert.Equal(["10:00"], snapshot.ActiveSelections);
        Assert.Equal(["11:00"], snapshot.LockedSlots);
        Assert.Equal(["14:00", "14:15"], snapshot.BookedSlots);
        Assert.Equal(("available", "redis", 1000, _world.Clock.GetUtcNow().UtcDateTime),
            (snapshot.RedisStatus, snapshot.StorageMode, snapshot.HeartbeatIntervalMs, snapshot.ServerTime));
        Assert.Contains(_world.Slots.Selections, s => s.Slot == At(9) && s.Client == TestWorld.Client);
    }

    [Fact]
    public async Task Heartbeat_OnACacheMiss_ReadsBookingsFromSqlAndFillsTheCache()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));

        await BeatAsync();

        var fill = Assert.Single(_world.BookingsCache.Fills);
        Assert.Equal((TestWorld.Tomorrow, _world.EmployeeId, FakeDayBookingsCache.Version), (fill.Date, fill.EmployeeId, fill.Version));
        Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], fill.Bookings.BookedStarts);
    }

    [Fact]
    public async Task Heartbeat_WithCachedBookings_UsesThemAndWritesNoCache()
    {
        _world.BookingsCache.Cached = new CachedDayBookings([new TimeOnly(16, 0)], []);

        var snapshot = (await BeatAsync()).Value!;

        Assert.Equal(["16:00"], snapshot.BookedSlots);
        Assert.Empty(_world.BookingsCache.Fills);
    }

    [Fact]
    public async Task Heartbeat_AsksTheBookingsCacheWhileTheStoreCallIsStillInFlight()
    {
        // Sent together, the Redis script and the cache read share one network round trip (decision 125).
        _world.Slots.HeartbeatInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var beat = BeatAsync();
        var cacheReadsWhileInFlight = _world.BookingsCache.Reads;
        _world.Slots.HeartbeatInFlight.SetResult();
        await beat;

        Assert.Equal(1, cacheReadsWhileInFlight);
        Assert.Equal(1, _world.BookingsCache.Reads);
    }

    [Fact]
    public async Task Heartbeat_OverTheLimit_Is429WithRetryAfter()
    {
        _world.Slots.RefuseHeartbeats = true;

        var result = await BeatAsync();

        Assert.Equal((ErrorKind.TooManyRequests, TimeSpan.FromSeconds(3)), (result.Error!.Kind, result.Error.RetryAfter));
    }

    [Fact]
    public async Task Heartbeat_WithASelectedTimeOffTheGrid_NamesSelectedTime()
    {
        var result = await BeatAsync(selected: "10:07");

        Assert.Equal(("slot_not_offered", "selectedTime"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task Heartbeat_ForAPastDate_NamesDate()
    {
        var result = await BeatAsync(date: "2026-11-30");

        Assert.Equal(("date_in_past", "date"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task Heartbeat_InSqlModeWithoutRedis_SaysSo()
    {
        (_world.Status.Mode, _world.Status.RedisAvailable) = (StorageMode.Sql, false);

        var snapshot = (await BeatAsync()).Value!;

        Assert.Equal(("unavailable", "mysql"), (snapshot.RedisStatus, snapshot.StorageMode));
    }
}
