using AppointEase.Application.Admin.BusinessHours;
using AppointEase.Application.Admin.Closures;
using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Admin.Settings;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(ListClosuresHandler), typeof(AddClosureHandler), typeof(RemoveClosureHandler), typeof(ListTimeOffHandler), typeof(AddTimeOffHandler),
    typeof(RemoveTimeOffHandler), typeof(GetBusinessHoursAdminHandler), typeof(SetBusinessHoursHandler), typeof(GetSettingsHandler),
    typeof(UpdateSettingsHandler))]
public sealed class AdminCalendarHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        _world.User.IsAdmin = true;
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<ClosureDto> CloseAsync(string date)
    {
        var closure = (await _world.Create<AddClosureHandler>().Handle(new AddClosureCommand(date, "Holiday"), default)).Value!;
        await _world.Db.SaveChangesAsync(); // the audit row, saved at the unit of work's commit
        return closure;
    }

    [Fact]
    public async Task AddClosure_ClosesTheDayForEveryEmployee_AndListsIt()
    {
        var closure = await CloseAsync("2026-12-24");

        Assert.Equal(("2026-12-24", "Holiday"), (closure.Date, closure.Reason));
        Assert.Equal([(new DateOnly(2026, 12, 24), _world.EmployeeId)], _world.Notifier.Changed);
        var listed = await _world.Create<ListClosuresHandler>().Handle(new ListClosuresQuery("2026-12-01", "2026-12-31"), default);
        Assert.Equal(["2026-12-24"], listed.Select(c => c.Date));
        Assert.Empty(await _world.Create<ListClosuresHandler>().Handle(new ListClosuresQuery("2026-12-25", null), default));
    }

    [Fact]
    public async Task AddClosure_OnAClosedDay_IsAConflictOnDate_ReliedOnTheUniqueKey()
    {
        await CloseAsync("2026-12-24");

        var again = await _world.Create<AddClosureHandler>().Handle(new AddClosureCommand("2026-12-24", "Again"), default);

        Assert.Equal((ErrorKind.Conflict, "closure_exists", "date"), (again.Error!.Kind, again.Error.Code, again.Error.Field));
    }

    [Fact]
    public async Task RemoveClosure_ReopensTheDay_AndAnUnknownIdIsNotFound()
    {
        var closure = await CloseAsync("2026-12-24");

        var removed = await _world.Create<RemoveClosureHandler>().Handle(new RemoveClosureCommand(closure.Id), default);
        var unknown = await _world.Create<RemoveClosureHandler>().Handle(new RemoveClosureCommand(closure.Id), default);

        Assert.True(removed.IsSuccess);
        Assert.Equal("closure_not_found", unknown.Error!.Code);
        Assert.Empty(await _world.Create<ListClosuresHandler>().Handle(new ListClosuresQuery(null, null), default));
    }

    [Fact]
    public async Task TimeOff_AddedListedAndRemoved_AnnouncesOnlyItsDays()
    {
        var added = (await _world.Create<AddTimeOffHandler>().Handle(new AddTimeOffCommand(_world.EmployeeId, "2026-12-03", "2026-12-04", "Leave"), default)).Value!;
        var listed = (await _world.Create<ListTimeOffHandler>().Handle(new ListTimeOffQuery(_world.EmployeeId), default)).Value!;
        var removed = await _world.Create<RemoveTimeOffHandler>().Handle(new RemoveTimeOffCommand(_world.EmployeeId, added.Id), default);

        Assert.Equal(("2026-12-03", "2026-12-04", "Leave"), (listed.Single().From, listed.Single().To, listed.Single().Reason));
        Assert.True(removed.IsSuccess);
        Assert.Equal([new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 4)],
            _world.Notifier.Changed.Select(c => c.Date));
    }

    [Fact]
    public async Task TimeOff_ForAnUnknownEmployee_IsNotFound()
    {
        var add = await _world.Create<AddTimeOffHandler>().Handle(new AddTimeOffCommand(999, "2026-12-03", "2026-12-03", null), default);
        var list = await _world.Create<ListTimeOffHandler>().Handle(new ListTimeOffQuery(999), default);
        var remove = await _world.Create<RemoveTimeOffHandler>().Handle(new RemoveTimeOffCommand(_world.EmployeeId, 999), default);

        Assert.All([add.Error!, list.Error!, remove.Error!], e => Assert.Equal(ErrorKind.NotFound, e.Kind));
    }

    [Fact]
    public async Task SetBusinessHours_ClosingSaturday_RemovesItsRowAndBumpsTheSettingsVersion()
    {
        var current = await _world.Create<GetBusinessHoursAdminHandler>().Handle(new GetBusinessHoursAdminQuery(), default);
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }
            .Select(d => new WorkingDayInput(d, "09:00", "17:00", null)).ToList();

        var result = (await _world.Create<SetBusinessHoursHandler>().Handle(new SetBusinessHoursCommand(current.Version, weekdays), default)).Value!;

        Assert.Equal(6, current.Days.Count);
        Assert.Equal((5, current.Version + 1), (result.Days.Count, result.Version));
        Assert.All(_world.Notifier.Changed, c => Assert.Equal(DayOfWeek.Saturday, c.Date.DayOfWeek));
        await using var db = _world.NewContext();
        Assert.Equal(5, await db.BusinessHours.CountAsync());
    }

    [Fact]
    public async Task SetBusinessHours_WithAStaleVersion_IsRefused()
    {
        var result = await _world.Create<SetBusinessHoursHandler>().Handle(new SetBusinessHoursCommand(-1, []), default);

        Assert.Equal(ErrorKind.PreconditionFailed, result.Error!.Kind);
    }

    [Fact]
    public async Task UpdateSettings_ChangesThemAndDropsTheCachedSettings()
    {
        var current = await _world.Create<GetSettingsHandler>().Handle(new GetSettingsQuery(), default);

        var updated = (await _world.Create<UpdateSettingsHandler>().Handle(new UpdateSettingsCommand(current.Version, "New Name", "Europe/Berlin", 15,
            60, 30, 120, 20, 600, 2000), default)).Value!;

        Assert.Equal(("New Name", 20, 2000), (updated.BusinessName, updated.SelectionTtlSeconds, updated.HeartbeatIntervalMs));
        Assert.Equal(1, _world.Settings.Invalidations);
        Assert.Empty(_world.Notifier.Changed); // nothing that shapes the grid changed
        Assert.Equal("New Name", (await _world.Create<GetSettingsHandler>().Handle(new GetSettingsQuery(), default)).BusinessName);
    }

    [Fact]
    public async Task UpdateSettings_AGridTheServicesDoNotFit_NamesSlotMinutes()
    {
        var current = await _world.Create<GetSettingsHandler>().Handle(new GetSettingsQuery(), default);

        var result = await _world.Create<UpdateSettingsHandler>().Handle(new UpdateSettingsCommand(current.Version, "Salon Test", "Europe/Berlin", 20,
            60, 30, 120, 10, 600, 1000), default);

        Assert.Equal(("services_off_grid", "slotMinutes"), (result.Error!.Code, result.Error.Field));
    }
}
