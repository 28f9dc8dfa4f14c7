using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Slots.WatchSlotDay;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.UnitTests.Slots;

[TestsFor(typeof(OpenSlotStreamHandler), typeof(ReadSlotDayHandler), typeof(OpenSlotStreamValidator))]
public sealed class SlotStreamHandlerTests : IAsyncLifetime, IDisposable
{
    private const string Date = "2026-12-02";
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private Task<Result<SlotStreamTarget>> OpenAsync(int employeeId, string date = Date) =>
        _world.Create<OpenSlotStreamHandler>().Handle(new OpenSlotStreamQuery(date, employeeId, TestWorld.Client), default).AsTask();

    [Fact]
    public async Task OpenSlotStream_ForAKnownEmployeeAndBookableDay_NamesTheDayAndVisitor()
    {
        var target = (await OpenAsync(_world.EmployeeId)).Value!;

        Assert.Equal((TestWorld.Tomorrow, _world.EmployeeId, TestWorld.Client), (target.Date, target.EmployeeId, target.Client.Value));
    }

    [Fact]
    public async Task OpenSlotStream_ForAnUnknownEmployee_IsNotFoundOnEmployeeId()
    {
        var error = (await OpenAsync(_world.EmployeeId + 999)).Error!;

        Assert.Equal((ErrorKind.NotFound, "employeeId"), (error.Kind, error.Field));
    }

    [Fact]
    public async Task ReadSlotDay_ReturnsEveryHoldWithItsClient_AndTheBookedStarts()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        var at = (int hour) => new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(hour, 0));
        await _world.Slots.SelectAsync(at(10), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(1), default);
        await _world.Slots.LockAsync(at(11), ClientId.Parse(TestWorld.Client), TimeSpan.FromMinutes(5), default);

        var day = await _world.Create<ReadSlotDayHandler>().Handle(new ReadSlotDayQuery(TestWorld.Tomorrow, _world.EmployeeId), default);

        Assert.Equal([(new TimeOnly(10, 0), TestWorld.OtherClient)], day.Selections.Select(s => (s.Time, s.ClientId)));
        Assert.Equal([(new TimeOnly(11, 0), TestWorld.Client)], day.Locks.Select(l => (l.Slot.Time, l.OwnerClientId)));
        Assert.Equal([new TimeOnly(14, 0), new TimeOnly(14, 15)], day.BookedStarts);
        Assert.Equal(StorageMode.Redis, day.Mode);
    }

    [Fact]
    public void OpenSlotStreamValidator_WithEveryFieldWrong_NamesDateEmployeeAndClient() =>
        Assert.Equal(["clientId", "date", "employeeId"],
            new OpenSlotStreamValidator().Validate(new OpenSlotStreamQuery("2026-02-30", 0, "a b")).Errors.Select(e => e.PropertyName).Distinct().Order());
}
