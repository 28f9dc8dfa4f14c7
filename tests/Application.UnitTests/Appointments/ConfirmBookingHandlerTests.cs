using System.Text.Json;
using AppointEase.Application.Appointments;
using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Appointments;

[TestsFor(typeof(ConfirmBookingHandler))]
public sealed class ConfirmBookingHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private SlotKey At(int hour) => new(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, 0));

    private ConfirmBookingCommand Command(string? lockToken = null, string? key = null, string time = "10:00") =>
        new(_world.ServiceId, _world.EmployeeId, "2026-12-02", time, lockToken, new CustomerInput("Ann Customer", "Ann@Example.com", null), "Window seat", key);

    private Task<Result<BookingReceipt>> ConfirmAsync(ConfirmBookingCommand command) =>
        _world.Create<ConfirmBookingHandler>().Handle(command, default).AsTask();

    [Fact]
    public async Task Confirm_WithTheCallersLock_WritesTheAppointmentItsCellsAndTheEmail_ThenReleasesTheLock()
    {
        var token = (await _world.Slots.LockAsync(At(10), ClientId.Parse(TestWorld.Client), TimeSpan.FromMinutes(5), default)).Token!.Value;

        var receipt = (await ConfirmAsync(Command(token.ToString()))).Value!;

        Assert.False(receipt.Replayed);
        Assert.Equal(("2026-12-02", "10:00", "10:30", "confirmed"), (receipt.Appointment.Date, receipt.Appointment.Time, receipt.Appointment.EndTime, receipt.Appointment.Status));
        Assert.NotNull(receipt.Appointment.ManageToken);
        await using var db = _world.NewContext();
        var stored = await db.Appointments.SingleAsync();
        Assert.Equal(("ann@example.com", new DateTime(2026, 12, 2, 9, 0, 0)), (stored.CustomerEmail, stored.StartUtc));
        Assert.Equal(2, await db.Set<AppointmentClaim>().CountAsync());
        var email = Assert.Single(_world.Outbox.Sent);
        Assert.Equal(("Confirmation", "ann@example.com"), (email.Kind, email.To));
        Assert.Equal([At(10)], _world.Slots.Cleared);
        Assert.Equal([(TestWorld.Tomorrow, _world.EmployeeId)], _world.Notifier.Changed);
        Assert.Equal(1, _world.Dispatcher.Nudges);
    }

    [Fact]
    public async Task Confirm_AnnouncesTheBookedDay_BeforeItReleasesTheLock()
    {
        // Decision 141: in the other order a reader between the two saw neither the hold nor the booking: a free slot.
        var token = (await _world.Slots.LockAsync(At(10), ClientId.Parse(TestWorld.Client), TimeSpan.FromMinutes(5), default)).Token!.Value;
        var clearedWhenAnnounced = -1;
        _world.Notifier.Announcing = () => clearedWhenAnnounced = _world.Slots.Cleared.Count;

        Assert.True((await ConfirmAsync(Command(token.ToString()))).IsSuccess);

        Assert.Equal(0, clearedWhenAnnounced);
        Assert.Equal([At(10)], _world.Slots.Cleared);
    }

    [Fact]
    public async Task Confirm_OnASlotSomeoneElseHolds_IsSlotLocked_AndWritesNothing()
    {
        await _world.Slots.LockAsync(At(10), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(5), default);

        var result = await ConfirmAsync(Command());

        Assert.Equal("slot_locked", result.Error!.Code);
        await using var db = _world.NewContext();
        Assert.Empty(await db.Appointments.ToListAsync());
        Assert.Empty(_world.Outbox.Sent);
    }

    [Fact]
    public async Task Confirm_WithATokenWhoseLockExpired_IsLockNotHeld()
    {
        var token = LockToken.New(At(10));

        var result = await ConfirmAsync(Command(token.ToString()));

        Assert.Equal("lock_not_held", result.Error!.Code);
    }

    [Fact]
    public async Task Confirm_WithATokenOfAnotherSlot_NamesLockToken()
    {
        var result = await ConfirmAsync(Command(LockToken.New(At(11)).ToString()));

        Assert.Equal(("lock_token_mismatch", "lockToken"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task Confirm_OnABookedSlot_IsSlotTaken()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));

        var result = await ConfirmAsync(Command());

        Assert.Equal((ErrorKind.Conflict, "slot_taken"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Confirm_OnAStartNotOffered_IsSlotNotOffered()
    {
        var result = await ConfirmAsync(Command(time: "18:00"));

        Assert.Equal(("slot_not_offered", "time"), (result.Error!.Code, result.Error.Field));
    }

    [Fact]
    public async Task Confirm_PastTheMailLimitForAnAddressThatNeverSignedIn_BooksWithoutEmail()
    {
        _world.Limiter.Allow = false;

        var result = await ConfirmAsync(Command());

        Assert.True(result.IsSuccess);
        Assert.Empty(_world.Outbox.Sent);
        Assert.Equal(("booking_mail", "ann@example.com"), (_world.Limiter.Hits.Single().Rule.Name, _world.Limiter.Hits.Single().Subject));
    }

    [Fact]
    public async Task Confirm_WithAnIdempotencyKey_StoresTheResponseWithTheBooking_WithoutALookUp()
    {
        var receipt = (await ConfirmAsync(Command(key: "key-1"))).Value!;

        var (status, body) = Assert.Single(_world.Idempotency.Recorded);
        Assert.Equal(201, status);
        Assert.Equal(JsonSerializer.Serialize(receipt.Appointment, AppointmentDto.Json), body);
        Assert.Empty(_world.Idempotency.LookedUp);
    }

    [Fact]
    public async Task Confirm_ReplayOfAKey_ReturnsTheStoredAnswerAndBooksNothing()
    {
        var stored = (await ConfirmAsync(Command(key: "key-1"))).Value!.Appointment;
        _world.Idempotency.Found = new IdempotencyStart(IdempotencyState.Replay, 201, JsonSerializer.Serialize(stored, AppointmentDto.Json));

        var replay = (await ConfirmAsync(Command(key: "key-1"))).Value!;

        Assert.True(replay.Replayed);
        Assert.Equal(JsonSerializer.Serialize(stored, AppointmentDto.Json), JsonSerializer.Serialize(replay.Appointment, AppointmentDto.Json));
        await using var db = _world.NewContext();
        Assert.Single(await db.Appointments.ToListAsync());
    }

    [Theory]
    [InlineData(IdempotencyState.InFlight, "idempotency_key_in_flight")]
    [InlineData(IdempotencyState.Mismatch, "idempotency_key_reused")]
    public async Task Confirm_RefusedOnAKeyInFlightOrReused_SaysSo(IdempotencyState state, string code)
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));
        _world.Idempotency.Found = new IdempotencyStart(state);

        var result = await ConfirmAsync(Command(key: "key-1"));

        Assert.Equal(code, result.Error!.Code);
    }

    [Fact]
    public async Task Confirm_Refused_WithAnUnusedKey_KeepsItsOwnRefusal()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));

        var result = await ConfirmAsync(Command(key: "key-1"));

        Assert.Equal("slot_taken", result.Error!.Code);
        Assert.Equal(["key-1"], _world.Idempotency.LookedUp);
        Assert.Empty(_world.Idempotency.Recorded);
    }
}
