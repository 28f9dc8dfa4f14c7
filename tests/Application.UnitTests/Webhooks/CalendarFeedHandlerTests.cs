using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Calendar.GetStaffCalendar;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;
using AppointEase.Domain.Appointments;
using AppointEase.Domain.Auditing;
using AppointEase.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.UnitTests.Webhooks;

[TestsFor(typeof(IssueCalendarFeedHandler), typeof(RevokeCalendarFeedHandler), typeof(GetStaffCalendarHandler))]
public sealed class CalendarFeedHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        (_world.User.IsAdmin, _world.User.AdminKeyId) = (true, "ops");
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private async Task<CalendarFeedDto> IssueAsync()
    {
        var feed = (await _world.Create<IssueCalendarFeedHandler>().Handle(new IssueCalendarFeedCommand(_world.EmployeeId), default)).Value!;
        _world.Db.ChangeTracker.Clear();
        return feed;
    }

    private async Task<Result<string>> ReadAsync(string? token) =>
        await _world.Create<GetStaffCalendarHandler>().Handle(new GetStaffCalendarQuery(token), default);

    [Fact]
    public async Task Issue_ShowsTheTokenOnce_AndStoresOnlyItsHash()
    {
        var feed = await IssueAsync();

        Assert.Equal((_world.EmployeeId, TestWorld.Start.UtcDateTime), (feed.EmployeeId, feed.CreatedAt));
        Assert.Equal($"/api/v1/calendar/{feed.Token}.ics", feed.Path);
        await using var db = _world.NewContext();
        var row = await db.Set<StaffCalendarFeed>().SingleAsync();
        Assert.Equal((_world.EmployeeId, ManageToken.HashOf(feed.Token), (DateTime?)null), (row.EmployeeId, row.TokenHash, row.RevokedUtc));
        Assert.NotEqual(feed.Token, row.TokenHash);
        var audit = await db.Set<AdminAuditEntry>().SingleAsync();
        Assert.Equal(("ops", "employee.calendar-feed.issue", _world.EmployeeId.ToString()), (audit.KeyId, audit.Action, audit.EntityId));
    }

    [Fact]
    public async Task Issue_Again_RevokesTheEarlierToken()
    {
        var first = await IssueAsync();
        _world.Clock.Advance(TimeSpan.FromMinutes(5));

        var second = await IssueAsync();

        Assert.NotEqual(first.Token, second.Token);
        var stale = await ReadAsync(first.Token);
        Assert.Equal((ErrorKind.NotFound, "calendar_feed_not_found"), (stale.Error!.Kind, stale.Error.Code));
        Assert.True((await ReadAsync(second.Token)).IsSuccess);
        await using var db = _world.NewContext();
        var rows = await db.Set<StaffCalendarFeed>().OrderBy(f => f.Id).ToListAsync();
        Assert.Equal([TestWorld.Start.UtcDateTime.AddMinutes(5), null], rows.Select(f => f.RevokedUtc));
    }

    [Fact]
    public async Task Issue_ForAnUnknownEmployee_IsNotFound_AndWritesNothing()
    {
        var result = await _world.Create<IssueCalendarFeedHandler>().Handle(new IssueCalendarFeedCommand(404), default);

        Assert.Equal((ErrorKind.NotFound, "employee_not_found"), (result.Error!.Kind, result.Error.Code));
        await using var db = _world.NewContext();
        Assert.Empty(await db.Set<StaffCalendarFeed>().ToListAsync());
    }

    [Fact]
    public async Task Revoke_MakesTheFeedUnknown_AndASecondRevokeIsNotFound()
    {
        var feed = await IssueAsync();

        var revoked = await _world.Create<RevokeCalendarFeedHandler>().Handle(new RevokeCalendarFeedCommand(_world.EmployeeId), default);

        Assert.True(revoked.IsSuccess);
        Assert.Equal("calendar_feed_not_found", (await ReadAsync(feed.Token)).Error!.Code);
        await using (var db = _world.NewContext())
        {
            Assert.Equal(TestWorld.Start.UtcDateTime, (await db.Set<StaffCalendarFeed>().SingleAsync()).RevokedUtc);
            Assert.Equal(["employee.calendar-feed.issue", "employee.calendar-feed.revoke"],
                await db.Set<AdminAuditEntry>().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }
        var again = await _world.Create<RevokeCalendarFeedHandler>().Handle(new RevokeCalendarFeedCommand(_world.EmployeeId), default);
        Assert.Equal((ErrorKind.NotFound, "calendar_feed_not_found"), (again.Error!.Kind, again.Error.Code));
    }

    [Fact]
    public async Task Revoke_ForAnUnknownEmployee_IsNotFound()
    {
        var result = await _world.Create<RevokeCalendarFeedHandler>().Handle(new RevokeCalendarFeedCommand(404), default);

        Assert.Equal((ErrorKind.NotFound, "employee_not_found"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Read_ListsTheEmployeesAppointmentsInOrder_CancelledIncluded_OldOnesLeftOut()
    {
        var feed = await IssueAsync();
        var (later, _) = await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(14, 0));
        var (earlier, _) = await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));
        var (old, _) = await _world.AddAppointmentAsync(new DateOnly(2026, 10, 1), new TimeOnly(10, 0));
        await using (var db = _world.NewContext())
        {
            (await db.Appointments.SingleAsync(a => a.Id == later)).Cancel(TestWorld.Start.UtcDateTime);
            await db.SaveChangesAsync();
        }

        var result = await ReadAsync(feed.Token);

        await using var read = _world.NewContext();
        var references = await read.Appointments.ToDictionaryAsync(a => a.Id, a => a.Reference);
        Assert.Equal($"{references[earlier]} Cut confirmed\n{references[later]} Cut cancelled", result.Value);
        Assert.Equal(("Anna · Salon Test", "Salon Test"), (_world.CalendarWriter.CalendarName, _world.CalendarWriter.Location));
        Assert.DoesNotContain(_world.CalendarWriter.Entries, e => e.Reference == references[old]);
        Assert.Equal(TestWorld.Start.UtcDateTime, _world.CalendarWriter.Entries[1].ChangedUtc); // DTSTAMP from the cancellation
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("never-issued")]
    public async Task Read_AnUnknownToken_IsNotFound(string? token)
    {
        var result = await ReadAsync(token);

        Assert.Equal((ErrorKind.NotFound, "calendar_feed_not_found"), (result.Error!.Kind, result.Error.Code));
    }

    [Fact]
    public async Task Read_AnOverlongToken_IsNotFound() =>
        Assert.Equal("calendar_feed_not_found", (await ReadAsync(new string('t', 101))).Error!.Code);
}
