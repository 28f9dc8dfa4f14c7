using AppointEase.Application.Catalogue.GetBusinessHours;
using AppointEase.Application.Catalogue.ListEmployees;
using AppointEase.Application.Catalogue.ListServices;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Catalogue;

namespace AppointEase.Application.UnitTests.Catalogue;

[TestsFor(typeof(ListServicesHandler), typeof(ListEmployeesHandler), typeof(GetBusinessHoursHandler))]
public sealed class CatalogueHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        var inactive = new Service("Beard", 15, 10m);
        inactive.Deactivate();
        var shave = new Service("Alpha shave", 15, 12m);
        var ben = new Employee("Ben");
        ben.Offer(shave);
        _world.Db.AddRange(inactive, shave, ben);
        await _world.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ListServices_ShowsOnlyActiveServices_ByName()
    {
        var services = await _world.Create<ListServicesHandler>().Handle(new ListServicesQuery(), default);

        Assert.Equal(["Alpha shave", "Cut"], services.Select(s => s.Name));
        Assert.Equal((30, 25m), (services[1].DurationMinutes, services[1].Price));
    }

    [Fact]
    public async Task ListEmployees_ByService_ShowsOnlyThoseOfferingIt()
    {
        var all = (await _world.Create<ListEmployeesHandler>().Handle(new ListEmployeesQuery(null), default)).Value!;
        var cutters = (await _world.Create<ListEmployeesHandler>().Handle(new ListEmployeesQuery(_world.ServiceId), default)).Value!;

        Assert.Equal(["Anna", "Ben"], all.Select(e => e.Name));
        Assert.Equal([_world.ServiceId], Assert.Single(cutters).ServiceIds);
    }

    [Fact]
    public async Task ListEmployees_ForAnUnknownService_IsNotFoundOnServiceId()
    {
        var result = await _world.Create<ListEmployeesHandler>().Handle(new ListEmployeesQuery(999), default);

        Assert.Equal((ErrorKind.NotFound, "serviceId"), (result.Error!.Kind, result.Error.Field));
    }

    [Fact]
    public async Task GetBusinessHours_ListsTheWeekMondayFirst_WithSundayClosed()
    {
        var hours = await _world.Create<GetBusinessHoursHandler>().Handle(new GetBusinessHoursQuery(), default);

        Assert.Equal(("Salon Test", "Europe/Berlin", 15), (hours.BusinessName, hours.TimeZone, hours.SlotMinutes));
        Assert.Equal("monday", hours.Days[0].Day);
        Assert.Equal((true, "09:00", "17:00"), (hours.Days[0].Open, hours.Days[0].Opens, hours.Days[0].Closes));
        Assert.Equal(("sunday", false), (hours.Days[6].Day, hours.Days[6].Open));
    }
}
