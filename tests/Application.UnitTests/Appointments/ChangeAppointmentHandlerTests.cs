using AppointEase.Application.Appointments;
using AppointEase.Application.Appointments.CancelAppointment;
using AppointEase.Application.Appointments.RescheduleAppointment;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Appointments;

[TestsFor(typeof(CancelAppointmentHandler), typeof(RescheduleAppointmentHandler))]
public sealed class ChangeAppointmentHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();
    private int _id;
    private string _token = "";

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        (_id, _token) = await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private Task<Result<AppointmentDto>> CancelAsync(string? token) =>
        _world.Create<CancelAppointmentHandler>().Handle(new CancelAppointmentCommand(_id, token), default).AsTask();

    private async Task<string> LockAsync(int hour, string client = TestWorld.Client) =>
        (await _world.Slots.LockAsync(new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, 0)), ClientId.Parse(client),
            TimeSpan.FromMinutes(5), default)).Token!.Value.ToString();

    private Task<Result<AppointmentDto>> MoveAsync(string time, string? lockToken, string? manageToken, int? employeeId = null) =>
        _world.Create<RescheduleAppointmentHandler>()
            .Handle(new RescheduleAppointmentCommand(_id, "2026-12-02", time, lockToken, TestWorld.Client, employeeId, manageToken), default).AsTask();

    [Fact]
    public async Task Cancel_WithTheManageToken_CancelsFreesTheCellsAndMailsTheCustomer()
    {
        var result = await CancelAsync(_token);

        Assert.Equal("cancelled", result.Value!.Status);
        await using var db = _world.NewContext();
        Assert.Equal(AppointmentStatus.Cancelled, (await db.Appointments.SingleAsync()).Status);
        Assert.Empty(await db.Set<AppointmentClaim>().ToListAsync());
        var email = Assert.Single(_world.Outbox.Sent);
        Assert.Equal("Cancellation", email.Kind);
        Assert.Contains($"Cut with Anna; manage={_token}", email.TextBody);
        Assert.Equal([(TestWorld.Tomorrow, _world.EmployeeId)], _world.Notifier.Changed);
    }

    [Fact]
    public async Task Cancel_Twice_SucceedsAndMailsOnce()
    {
        await CancelAsync(_token);

        var again = await CancelAsync(_token);

        Assert.Equal("cancelled", again.Value!.Status);
        Assert.Single(_world.Outbox.Sent);
    }

    [Fact]
    public async Task Cancel_WithoutAccess_IsNotFound()
    {
        var result = await CancelAsync("wrong-token");

        Assert.Equal((ErrorKind.NotFound, "appointment_not_found"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Cancel_WithinTheCutoff_IsRefusedForTheCustomer_ButNotForAnAdmin()
    {
        _world.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 7, 30, 0, TimeSpan.Zero)); // 08:30 Berlin, 90 min before

        var customer = await CancelAsync(_token);
        _world.User.IsAdmin = true;
        var admin = await CancelAsync(null);

        Assert.Equal("change_cutoff_passed", customer.Error!.Code);
        Assert.Equal("cancelled", admin.Value!.Status);
    }

    [Fact]
    public async Task Reschedule_ToAHeldSlot_MovesTheAppointment_KeepsHistory_AndReleasesTheNewLock()
    {
        var result = await MoveAsync("12:00", await LockAsync(12), _token);

        Assert.Equal(("12:00", "10:00"), (result.Value!.Time, result.Value.History.Single().FromTime));
        await using var db = _world.NewContext();
        var claims = await db.Set<AppointmentClaim>().Select(c => c.CellStartUtc).OrderBy(c => c).ToListAsync();
        Assert.Equal([new DateTime(2026, 12, 2, 11, 0, 0), new DateTime(2026, 12, 2, 11, 15, 0)], claims);
        Assert.Contains($"manage={_token}", Assert.Single(_world.Outbox.Sent).TextBody);
        Assert.Equal([new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(12, 0))], _world.Slots.Cleared);
    }

    [Fact]
    public async Task Reschedule_ByAnAdmin_MailsAFreshManageLink()
    {
        _world.User.IsAdmin = true;

        await MoveAsync("12:00", await LockAsync(12), null);

        var body = Assert.Single(_world.Outbox.Sent).TextBody;
        Assert.DoesNotContain("manage=none", body);
        Assert.DoesNotContain($"manage={_token}", body);
    }

    [Fact]
    public async Task Reschedule_ByHalfAnHour_OverlappingItsOwnCells_IsAllowed()
    {
        var result = await MoveAsync("10:15", await LockSlotAt(10, 15), _token);

        Assert.Equal("10:15", result.Value!.Time);
    }

    private async Task<string> LockSlotAt(int hour, int minute) =>
        (await _world.Slots.LockAsync(new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, minute)), ClientId.Parse(TestWorld.Client),
            TimeSpan.FromMinutes(5), default)).Token!.Value.ToString();

    [Fact]
    public async Task Reschedule_WithALockHeldByAnother_IsLockNotHeld()
    {
        var othersToken = await LockAsync(12, TestWorld.OtherClient);

        var result = await MoveAsync("12:00", othersToken, _token);

        Assert.Equal("lock_not_held", result.Error!.Code);
    }

    [Fact]
    public async Task Reschedule_OntoAnotherBooking_IsSlotTaken()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(12, 0), "other@example.com");

        var result = await MoveAsync("12:00", await LockAsync(12), _token);

        Assert.Equal("slot_taken", result.Error!.Code);
    }

    [Fact]
    public async Task Reschedule_ToAnUnknownEmployee_IsNotFound()
    {
        var result = await MoveAsync("12:00", await LockAsync(12), _token, employeeId: 999);

        Assert.Equal((ErrorKind.NotFound, "employeeId"), (result.Error!.Kind, result.Error.Field));
    }

    [Fact]
    public async Task Reschedule_OfACancelledAppointment_IsRefused()
    {
        await CancelAsync(_token);

        var result = await MoveAsync("12:00", await LockAsync(12), _token);

        Assert.Equal("appointment_cancelled", result.Error!.Code);
    }
}
