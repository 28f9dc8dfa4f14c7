using AppointEase.Application.Appointments.GetAppointment;
using AppointEase.Application.Appointments.ListMyAppointments;
using AppointEase.Application.Common.Results;
using AppointEase.Application.UnitTests.Common.Harness;

namespace AppointEase.Application.UnitTests.Appointments;

[TestsFor(typeof(GetAppointmentHandler), typeof(GetAppointmentCalendarHandler), typeof(ListMyAppointmentsHandler))]
public sealed class ReadAppointmentHandlerTests : IAsyncLifetime, IDisposable
{
    private readonly TestWorld _world = new();
    private int _id;
    private string _token = "";

    public async Task InitializeAsync()
    {
        await _world.SeedAsync();
        (_id, _token) = await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(10, 0));
        await _world.AddAppointmentAsync(TestWorld.Tomorrow.AddDays(1), new TimeOnly(9, 0));
        await _world.AddAppointmentAsync(TestWorld.Tomorrow, new TimeOnly(15, 0), "someone@example.com");
    }

    public Task DisposeAsync() => Task.CompletedTask;
    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task GetAppointment_WithItsToken_ShowsItInLocalTime()
    {
        var dto = (await _world.Create<GetAppointmentHandler>().Handle(new GetAppointmentQuery(_id, _token), default)).Value!;

        Assert.Equal(("2026-12-02", "10:00", "Ann Customer"), (dto.Date, dto.Time, dto.Customer.Name));
        Assert.Null(dto.ManageToken);
    }

    [Fact]
    public async Task GetAppointment_AsItsSignedInCustomer_IsAllowed_AsAStranger_NotFound()
    {
        var stranger = await _world.Create<GetAppointmentHandler>().Handle(new GetAppointmentQuery(_id, null), default);
        _world.User.CustomerEmail = "ANN@example.com";
        var customer = await _world.Create<GetAppointmentHandler>().Handle(new GetAppointmentQuery(_id, null), default);

        Assert.Equal(ErrorKind.NotFound, stranger.Error!.Kind);
        Assert.True(customer.IsSuccess);
    }

    [Fact]
    public async Task GetAppointmentCalendar_IsAnIcsNamedAfterTheReference()
    {
        var file = (await _world.Create<GetAppointmentCalendarHandler>().Handle(new GetAppointmentCalendarQuery(_id, _token), default)).Value!;

        Assert.Matches("^appointment-.+\\.ics$", file.FileName);
        Assert.Contains("SUMMARY:Cut with Anna", file.Content);
        Assert.Contains("STATUS:Confirmation", file.Content);
    }

    [Fact]
    public async Task GetAppointmentCalendar_WithoutAccess_IsNotFound()
    {
        var result = await _world.Create<GetAppointmentCalendarHandler>().Handle(new GetAppointmentCalendarQuery(_id, "nope"), default);

        Assert.Equal("appointment_not_found", result.Error!.Code);
    }

    [Fact]
    public async Task ListMyAppointments_ShowsTheSignedInCustomersOnly_SoonestFirst()
    {
        _world.User.CustomerEmail = " Ann@Example.com ";

        var mine = (await _world.Create<ListMyAppointmentsHandler>().Handle(new ListMyAppointmentsQuery(), default)).Value!;

        Assert.Equal([("2026-12-02", "10:00"), ("2026-12-03", "09:00")], mine.Select(a => (a.Date, a.Time)));
    }

    [Fact]
    public async Task ListMyAppointments_WithoutASession_IsForbidden()
    {
        var result = await _world.Create<ListMyAppointmentsHandler>().Handle(new ListMyAppointmentsQuery(), default);

        Assert.Equal((ErrorKind.Forbidden, "sign_in_required"), (result.Error!.Kind, result.Error.Code));
    }
}
