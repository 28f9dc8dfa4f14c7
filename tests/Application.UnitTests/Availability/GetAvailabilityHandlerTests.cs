using AppointEase.Application.Availability;
using AppointEase.Application.Availability.GetAvailability;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;

namespace AppointEase.Application.UnitTests.Availability;

[TestsFor(typeof(GetAvailabilityHandler))]
public sealed class GetAvailabilityHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public Task InitializeAsync() => _world.SeedAsync();
    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private Task<Result<IReadOnlyList<DayAvailabilityDto>>> QueryAsync(string? date, string? from = null, string? to = null, int? serviceId = null, int? employeeId = null) =>
        _world.Create<GetAvailabilityHandler>()
            .Handle(new GetAvailabilityQuery(date, from, to, employeeId ?? _world.EmployeeId, serviceId ?? _world.ServiceId), default).AsTask();

    [Fact]
    public async Task ADay_ListsEveryStartWithItsStatus()
    {
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        await _world.Slots.LockAsync(new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(10, 0)), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(5), default);
        await _world.Slots.SelectAsync(new SlotKey(TestWorld.Tomorrow, _world.EmployeeId, new TimeOnly(11, 0)), ClientId.Parse(TestWorld.OtherClient), TimeSpan.FromMinutes(1), default);

        var day = Assert.Single((await QueryAsync("2026-12-02")).Value!);

        var status = day.Slots.ToDictionary(s => s.Time, s => s.Status);
        Assert.Equal(("09:00", "16:30"), (day.Slots[0].Time, day.Slots[^1].Time)); // a 30-minute service ends by 17:00
        Assert.Equal((SlotStatus.Locked, SlotStatus.Selected, SlotStatus.Available), (status["10:00"], status["11:00"], status["12:00"]));
        Assert.Equal((SlotStatus.Booked, SlotStatus.Booked, SlotStatus.Booked), (status["13:45"], status["14:00"], status["14:15"]));
    }

    [Fact]
    public async Task ARange_GivesEachDay_AndSundayIsClosed()
    {
        var days = (await QueryAsync(null, "2026-12-05", "2026-12-07")).Value!;

        Assert.Equal(["2026-12-05", "2026-12-06", "2026-12-07"], days.Select(d => d.Date));
        Assert.Empty(days[1].Slots);
        Assert.NotEmpty(days[2].Slots);
    }

    [Fact]
    public async Task AnUnknownServiceOrEmployee_IsNotFoundNamingTheField()
    {
        var service = await QueryAsync("2026-12-02", serviceId: 999);
        var employee = await QueryAsync("2026-12-02", employeeId: 999);

        Assert.Equal((ErrorKind.NotFound, "serviceId"), (service.Error!.Kind, service.Error.Field));
        Assert.Equal((ErrorKind.NotFound, "employeeId"), (employee.Error!.Kind, employee.Error.Field));
    }

    [Fact]
    public async Task AServiceTheEmployeeDoesNotOffer_NamesEmployeeId()
    {
        var other = new Service("Colour", 60, 80m);
        _world.Db.Services.Add(other);
        await _world.Db.SaveChangesAsync();

        var result = await QueryAsync("2026-12-02", serviceId: other.Id);

        Assert.Equal(("service_not_offered", "employeeId"), (result.Error!.Code, result.Error.Field));
    }
}
