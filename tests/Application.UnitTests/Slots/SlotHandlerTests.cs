using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Slots.DeselectSlot;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.Slots.LockSlot;
using AppointEase.Application.Slots.ReleaseLock;
using AppointEase.Application.Slots.SelectSlot;
using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.UnitTests.Slots;

[TestsFor(typeof(SelectSlotHandler), typeof(DeselectSlotHandler), typeof(LockSlotHandler), typeof(ReleaseLockHandler), typeof(SyncFailbackHandler))]
public sealed class SlotHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Date = "2026-12-02";
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private SlotKey At(int hour, int minute = 0) => new(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, minute));

    [Fact]
    public async Task SelectSlot_OnAnOfferedStart_SelectsItForTheSelectionTtl()
    {
        var result = await _world.Create<SelectSlotHandler>().Handle(new SelectSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal(10, result.Value!.ExpiresInSeconds);
        Assert.Equal((At(10), TestWorld.Client), (_world.Slots.Selections.Single().Slot, _world.Slots.Selections.Single().Client));
    }

    [Fact]
    public async Task SelectSlot_LockedByAnother_IsAConflictOnTime()
    {
        _world.Slots.Locks[At(10)] = new SlotLockState(At(10), TestWorld.OtherClient, "secret", _world.Clock.GetUtcNow().UtcDateTime.AddMinutes(5));

        var result = await _world.Create<SelectSlotHandler>().Handle(new SelectSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal((ErrorKind.Conflict, "slot_locked", "time"), (result.Error!.Kind, result.Error.Code, result.Error.Field));
        Assert.Empty(_world.Slots.Selections);
    }

    [Theory]
    [InlineData("10:05", "slot_not_offered")] // off the 15-minute grid
    [InlineData("18:00", "slot_not_offered")] // after closing
    public async Task SelectSlot_OnAStartNotOffered_NamesTime(string time, string code)
    {
        var result = await _world.Create<SelectSlotHandler>().Handle(new SelectSlotCommand(Date, _world.EmployeeId, time, TestWorld.Client), default);

        Assert.Equal((code, "time"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task SelectSlot_ForAnUnknownEmployee_IsNotFoundOnEmployeeId()
    {
        var result = await _world.Create<SelectSlotHandler>().Handle(new SelectSlotCommand(Date, 999, "10:00", TestWorld.Client), default);

        Assert.Equal((ErrorKind.NotFound, "employeeId"), (result.Error!.Kind, result.Error.Field));
    }

    [Fact]
    public async Task SelectSlot_OnABookedStart_IsAConflict()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));

        var result = await _world.Create<SelectSlotHandler>().Handle(new SelectSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal("slot_booked", result.Error!.Code);
    }

    [Fact]
    public async Task DeselectSlot_RemovesTheCallersSelection()
    {
        await _world.Slots.SelectAsync(At(10), ClientId.Parse(TestWorld.Client), TimeSpan.FromMinutes(1), default);

        var result = await _world.Create<DeselectSlotHandler>().Handle(new DeselectSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.True(result.IsSuccess);
        Assert.Empty(_world.Slots.Selections);
    }

    [Fact]
    public async Task DeselectSlot_ForAnUnknownEmployee_IsNotFound()
    {
        var result = await _world.Create<DeselectSlotHandler>().Handle(new DeselectSlotCommand(Date, 999, "10:00", TestWorld.Client), default);

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
    }

    [Fact]
    public async Task LockSlot_OnAFreeStart_ReturnsATokenForTheLockTtl_UnderTheHoldQuota()
    {
        var result = await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.True(LockToken.TryParse(result.Value!.LockToken, out var token));
        Assert.Equal(At(10), token.Slot);
        Assert.Equal(_world.Clock.GetUtcNow().UtcDateTime.AddSeconds(600), result.Value.ExpiresAt);
        Assert.Equal(new HoldQuota("net-test", 2, 5), Assert.Single(_world.Slots.Quotas));
    }

    [Fact]
    public async Task LockSlot_AgainByTheHolder_ReturnsTheSameToken()
    {
        var handler = _world.Create<LockSlotHandler>();
        var first = await handler.Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        var again = await handler.Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal(first.Value!.LockToken, again.Value!.LockToken);
    }

    [Fact]
    public async Task LockSlot_HeldByAnother_IsAConflict()
    {
        await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.OtherClient), default);

        var result = await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal((ErrorKind.Conflict, "slot_locked"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task LockSlot_OverTheHoldQuota_IsTooManyHoldsWithRetryAfter()
    {
        _world.Slots.QuotaRetryAfter = TimeSpan.FromSeconds(90.2);

        var result = await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        Assert.Equal((ErrorKind.TooManyRequests, "too_many_holds"), (result.Error!.Kind, result.Error.Code));
        Assert.Equal(TimeSpan.FromSeconds(91), result.Error.RetryAfter);
    }

    [Fact]
    public async Task ReleaseLock_ByTheHolder_FreesTheSlot()
    {
        var locked = await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);

        var result = await _world.Create<ReleaseLockHandler>().Handle(new ReleaseLockCommand(locked.Value!.LockToken, TestWorld.Client), default);

        Assert.True(result.IsSuccess);
        Assert.Empty(_world.Slots.Locks);
    }

    [Fact]
    public async Task ReleaseLock_ByAnotherClientOrWithGarbage_IsNotFoundAndKeepsTheLock()
    {
        var locked = await _world.Create<LockSlotHandler>().Handle(new LockSlotCommand(Date, _world.EmployeeId, "10:00", TestWorld.Client), default);
        var handler = _world.Create<ReleaseLockHandler>();

        var byOther = await handler.Handle(new ReleaseLockCommand(locked.Value!.LockToken, TestWorld.OtherClient), default);
        var garbage = await handler.Handle(new ReleaseLockCommand("not-a-token", TestWorld.Client), default);

        Assert.Equal(("lock_not_found", "lockToken"), (byOther.Error!.Code, byOther.Error.Field));
        Assert.Equal("lock_not_found", garbage.Error!.Code);
        Assert.Single(_world.Slots.Locks);
    }

    [Fact]
    public async Task SyncFailback_ReturnsTheSyncsReport()
    {
        _world.Failback.Report = new FailbackReport(3, 1, 4, 12);

        var report = await _world.Create<SyncFailbackHandler>().Handle(new SyncFailbackCommand(), default);

        Assert.Equal(new FailbackReport(3, 1, 4, 12), report);
        Assert.Equal(1, _world.Failback.Runs);
    }
}
