using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Application.Slots.DeselectSlot;
using AppointEase.Application.Slots.GetHeartbeatSnapshot;
using AppointEase.Application.Slots.LockSlot;
using AppointEase.Application.Slots.ReleaseLock;
using AppointEase.Application.Slots.SelectSlot;
using FluentValidation;

namespace AppointEase.Application.UnitTests.Slots;

/// <summary>Each slot request names exactly the fields that are wrong, in the API's spelling.</summary>
[TestsFor(typeof(DeselectSlotValidator), typeof(GetHeartbeatSnapshotValidator), typeof(LockSlotValidator), typeof(ReleaseLockValidator), typeof(SelectSlotValidator))]
public sealed class SlotValidatorTests
{
    private const string Client = "client-abc-123";

    private static string[] FieldsIn<T>(IValidator<T> validator, T request) =>
        validator.Validate(request).Errors.Select(e => e.PropertyName).Distinct().Order().ToArray();

    [Fact]
    public void LockSlot_WithAValidRequest_HasNoErrors() =>
        Assert.Empty(FieldsIn(new LockSlotValidator(), new LockSlotCommand("2026-12-01", 3, "10:00", Client)));

    [Fact]
    public void LockSlot_WithEveryFieldWrong_NamesDateEmployeeTimeAndClient() =>
        Assert.Equal(["clientId", "date", "employeeId", "time"], FieldsIn(new LockSlotValidator(), new LockSlotCommand("2026-02-30", 0, "25:00", "a b")));

    [Fact]
    public void SelectSlot_WithAValidRequest_HasNoErrors() =>
        Assert.Empty(FieldsIn(new SelectSlotValidator(), new SelectSlotCommand("2026-12-01", 3, "10:00", Client)));

    [Fact]
    public void SelectSlot_WithMissingFields_NamesEachOfThem() =>
        Assert.Equal(["clientId", "date", "time"], FieldsIn(new SelectSlotValidator(), new SelectSlotCommand(null, 3, null, null)));

    [Fact]
    public void DeselectSlot_WithABadTime_NamesTime() =>
        Assert.Equal(["time"], FieldsIn(new DeselectSlotValidator(), new DeselectSlotCommand("2026-12-01", 3, "10.00", Client)));

    [Fact]
    public void ReleaseLock_WithoutAClientId_NamesClientId() =>
        Assert.Equal(["clientId"], FieldsIn(new ReleaseLockValidator(), new ReleaseLockCommand("token", null)));

    [Fact]
    public void ReleaseLock_WithAClientId_HasNoErrors() =>
        Assert.Empty(FieldsIn(new ReleaseLockValidator(), new ReleaseLockCommand("token", Client)));

    [Fact]
    public void Heartbeat_WithoutASelection_IsValid() =>
        Assert.Empty(FieldsIn(new GetHeartbeatSnapshotValidator(), new GetHeartbeatSnapshotQuery("2026-12-01", 3, Client, null)));

    [Fact]
    public void Heartbeat_WithABadSelectedTime_NamesSelectedTime() =>
        Assert.Equal(["selectedTime"], FieldsIn(new GetHeartbeatSnapshotValidator(), new GetHeartbeatSnapshotQuery("2026-12-01", 3, Client, "9am")));
}
