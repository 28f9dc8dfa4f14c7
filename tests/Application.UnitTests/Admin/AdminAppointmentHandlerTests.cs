using AppointEase.Application.Admin.Appointments;
using AppointEase.Application.Admin.Audit;
using AppointEase.Application.Admin.Services;
using AppointEase.Application.UnitTests.Common.Harness;

namespace AppointEase.Application.UnitTests.Admin;

[TestsFor(typeof(SearchAppointmentsHandler), typeof(ExportAppointmentsHandler), typeof(ListAuditHandler))]
public sealed class AdminAppointmentHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0), "ann@example.com");
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(11, 0), "bob@example.com");
        await _world.AddAppointmentAsync(TestWorld.Tomorrow.AddDays(1), new TimeOnly(9, 0), "anne@example.org");
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    private static SearchAppointmentsQuery Search(string? email = null, string? sort = null, int? limit = null, string? cursor = null, string? from = null) =>
        new(from, null, null, null, null, email, sort, limit, cursor);

    [Fact]
    public async Task Search_PagesInStartOrder_WithACursorThatNeitherRepeatsNorSkips()
    {
        var handler = _world.Create<SearchAppointmentsHandler>();

        var first = await handler.Handle(Search(limit: 2), default);
        var second = await handler.Handle(Search(limit: 2, cursor: first.NextCursor), default);

        Assert.Equal(["ann@example.com", "bob@example.com"], first.Items.Select(a => a.CustomerEmail));
        Assert.Equal(["anne@example.org"], second.Items.Select(a => a.CustomerEmail));
        Assert.Null(second.NextCursor);
        Assert.Equal(("Cut", "Anna", "2026-12-02", "10:00"), (first.Items[0].ServiceName, first.Items[0].EmployeeName, first.Items[0].Date, first.Items[0].Start));
    }

    [Fact]
    public async Task Search_ByEmailPrefixAndDate_Descending()
    {
        var page = await _world.Create<SearchAppointmentsHandler>().Handle(Search(email: "ANN", sort: "desc"), default);
        var fromThursday = await _world.Create<SearchAppointmentsHandler>().Handle(Search(from: "2026-12-03"), default);

        Assert.Equal(["anne@example.org", "ann@example.com"], page.Items.Select(a => a.CustomerEmail));
        Assert.Equal(["anne@example.org"], fromThursday.Items.Select(a => a.CustomerEmail));
    }

    [Fact]
    public async Task Export_StreamsEveryMatchingRow()
    {
        var rows = await _world.Create<ExportAppointmentsHandler>()
            .Handle(new ExportAppointmentsQuery(null, "2026-12-02", null, null, "confirmed", null, null), default);

        var emails = new List<string>();
        await foreach (var row in rows) emails.Add(row.CustomerEmail);
        Assert.Equal(["ann@example.com", "bob@example.com"], emails);
    }

    [Fact]
    public async Task ListAudit_NewestFirst_FilteredByEntity_Paged()
    {
        _world.User.AdminKeyId = "ops";
        for (var i = 0; i < 3; i++)
        {
            await _world.Create<CreateServiceHandler>().Handle(new CreateServiceCommand($"S{i}", 15, 1m, null, null), default);
            await _world.Db.SaveChangesAsync();
        }
        var handler = _world.Create<ListAuditHandler>();

        var first = await handler.Handle(new ListAuditQuery("service", null, 2, null), default);
        var second = await handler.Handle(new ListAuditQuery("service", null, 2, first.NextCursor), default);
        var none = await handler.Handle(new ListAuditQuery("employee", null, null, null), default);

        Assert.Equal(["S2", "S1"], first.Items.Select(a => a.After!.Value.GetProperty("name").GetString()));
        Assert.Equal("S0", Assert.Single(second.Items).After!.Value.GetProperty("name").GetString());
        Assert.Equal(("ops", "service.create"), (first.Items[0].KeyId, first.Items[0].Action));
        Assert.Empty(none.Items);
    }
}
