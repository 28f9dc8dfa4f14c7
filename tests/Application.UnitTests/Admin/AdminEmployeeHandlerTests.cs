using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Catalogue;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(AdminListEmployeesHandler), typeof(AdminGetEmployeeHandler), typeof(CreateEmployeeHandler), typeof(UpdateEmployeeHandler),
    typeof(DeactivateEmployeeHandler), typeof(SetEmployeeServicesHandler), typeof(SetEmployeeHoursHandler))]
public sealed class AdminEmployeeHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        _world.User.IsAdmin = true;
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<AdminEmployeeDto> AnnaAsync() =>
        (await _world.Create<AdminGetEmployeeHandler>().Handle(new AdminGetEmployeeQuery(_world.EmployeeId), default)).Value!;

    [Fact]
    public async Task GetEmployee_ShowsServicesAndHoursMondayFirst()
    {
        var anna = await AnnaAsync();

        Assert.Equal([_world.ServiceId], anna.ServiceIds);
        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"], anna.Hours.Select(h => h.Day));
        Assert.Equal(("09:00", "17:00"), (anna.Hours[0].Opens, anna.Hours[0].Closes));
    }

    [Fact]
    public async Task CreateEmployee_WithKnownServices_ListsThemAmongAll()
    {
        var created = (await _world.Create<CreateEmployeeHandler>().Handle(new CreateEmployeeCommand("Ben", [_world.ServiceId]), default)).Value!;

        Assert.Equal([_world.ServiceId], created.ServiceIds);
        Assert.Empty(created.Hours);
        var all = await _world.Create<AdminListEmployeesHandler>().Handle(new AdminListEmployeesQuery(), default);
        Assert.Equal(["Anna", "Ben"], all.Select(e => e.Name));
    }

    [Fact]
    public async Task CreateEmployee_WithAnUnknownService_NamesServiceIds()
    {
        var result = await _world.Create<CreateEmployeeHandler>().Handle(new CreateEmployeeCommand("Ben", [_world.ServiceId, 999]), default);

        Assert.Equal("serviceIds", result.Error!.Field);
        Assert.Contains("999", result.Error.Message);
    }

    [Fact]
    public async Task UpdateEmployee_DeactivatingThem_DropsTheirCachedAvailability()
    {
        var anna = await AnnaAsync();

        var updated = (await _world.Create<UpdateEmployeeHandler>().Handle(new UpdateEmployeeCommand(anna.Id, anna.Version, "Anna B.", false), default)).Value!;

        Assert.Equal(("Anna B.", false), (updated.Name, updated.IsActive));
        Assert.Equal(31, _world.Notifier.Changed.Count);
    }

    [Fact]
    public async Task UpdateEmployee_OnlyRenaming_AnnouncesNothing()
    {
        var anna = await AnnaAsync();

        await _world.Create<UpdateEmployeeHandler>().Handle(new UpdateEmployeeCommand(anna.Id, anna.Version, "Anna B.", null), default);

        Assert.Empty(_world.Notifier.Changed);
    }

    [Fact]
    public async Task DeactivateEmployee_WithAStaleVersion_ChangesNothing()
    {
        var anna = await AnnaAsync();

        var stale = await _world.Create<DeactivateEmployeeHandler>().Handle(new DeactivateEmployeeCommand(anna.Id, anna.Version - 1), default);
        var done = await _world.Create<DeactivateEmployeeHandler>().Handle(new DeactivateEmployeeCommand(anna.Id, anna.Version), default);

        Assert.Equal(ErrorKind.PreconditionFailed, stale.Error!.Kind);
        Assert.False(done.Value!.IsActive);
    }

    [Fact]
    public async Task SetEmployeeServices_ReplacesTheSet()
    {
        var colour = new Service("Colour", 60, 80m);
        _world.Db.Services.Add(colour);
        await _world.Db.SaveChangesAsync();
        var anna = await AnnaAsync();

        var result = (await _world.Create<SetEmployeeServicesHandler>().Handle(new SetEmployeeServicesCommand(anna.Id, anna.Version, [colour.Id]), default)).Value!;

        Assert.Equal([colour.Id], result.ServiceIds);
        Assert.Equal([colour.Id], (await AnnaAsync()).ServiceIds);
    }

    [Fact]
    public async Task SetEmployeeHours_ReplacesTheWeek_AndAnnouncesOnlyTheChangedWeekdays()
    {
        var anna = await AnnaAsync();
        var days = new List<WorkingDayInput>
        {
            new("monday", "10:00", "14:00", [new TimeRangeInput("12:00", "12:30")]),
            new("tuesday", "09:00", "17:00", null), new("wednesday", "09:00", "17:00", null), new("thursday", "09:00", "17:00", null),
            new("friday", "09:00", "17:00", null), new("saturday", "09:00", "17:00", null),
        };

        var result = (await _world.Create<SetEmployeeHoursHandler>().Handle(new SetEmployeeHoursCommand(anna.Id, anna.Version, days), default)).Value!;

        Assert.Equal(("10:00", "14:00", "12:00"), (result.Hours[0].Opens, result.Hours[0].Closes, result.Hours[0].Breaks.Single().Start));
        Assert.NotEmpty(_world.Notifier.Changed);
        Assert.All(_world.Notifier.Changed, c => Assert.Equal(DayOfWeek.Monday, c.Date.DayOfWeek));
    }

    [Fact]
    public async Task EmployeeCommands_ForAnUnknownEmployee_AreNotFound()
    {
        var get = await _world.Create<AdminGetEmployeeHandler>().Handle(new AdminGetEmployeeQuery(999), default);
        var hours = await _world.Create<SetEmployeeHoursHandler>().Handle(new SetEmployeeHoursCommand(999, 1, []), default);

        Assert.Equal((ErrorKind.NotFound, ErrorKind.NotFound), (get.Error!.Kind, hours.Error!.Kind));
    }
}
