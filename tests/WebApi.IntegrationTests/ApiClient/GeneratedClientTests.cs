using AppointEase.Client;
using AppointEase.Client.Models;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using AppointmentConflict = AppointEase.Client.Api.V1.Appointments.AppointmentDto409Error;

namespace AppointEase.WebApi.IntegrationTests.ApiClient;

/// <summary>
/// The client a consumer generates from the committed document with Kiota (see KiotaClient.targets) books, reschedules
/// and cancels against the running app, and a lost slot arrives as a typed problem rather than a bare status.
/// </summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(DatabaseKind.MariaDb, useRedis: true);
    private AppointEaseClient _client = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        var http = _app.CreateClient();
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        };
        _client = new AppointEaseClient(adapter);
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task GeneratedClient_BooksReschedulesAndCancels_AndReceivesATakenSlotAsATypedConflict()
    {
        var services = await _client.Api.V1.Services.GetAsync();
        var haircut = Assert.Single(services!, s => s.Name == "Haircut");
        var employees = await _client.Api.V1.Employees.GetAsync();
        var alex = Assert.Single(employees!, e => e.Name == "Alex Morgan");
        var day = TestDates.Weekday(6);
        var date = new Date(day.Year, day.Month, day.Day);

        var held = await _client.Api.V1.Slots.Lock.PostAsync(new LockSlotCommand
        {
            Date = date, EmployeeId = alex.Id, Time = "10:00", ClientId = "kiota-client-1",
        });
        Assert.False(string.IsNullOrEmpty(held!.LockToken));

        var booked = await _client.Api.V1.Appointments.PostAsync(Booking(haircut.Id, alex.Id, date, "10:00", held.LockToken),
            c => c.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString()));
        Assert.NotNull(booked!.Id);
        Assert.Equal("10:00", booked.Time);
        Assert.False(string.IsNullOrEmpty(booked.ManageToken));

        var conflict = await Assert.ThrowsAsync<AppointmentConflict>(() =>
            _client.Api.V1.Appointments.PostAsync(Booking(haircut.Id, alex.Id, date, "10:00", lockToken: null, email: "rival@example.com")));
        Assert.Equal(409, conflict.ResponseStatusCode);
        Assert.Equal(409, conflict.Status);
        Assert.Equal("slot_taken", conflict.Code);
        Assert.False(string.IsNullOrEmpty(conflict.TraceId));

        var appointment = _client.Api.V1.Appointments[booked.Id!.Value];
        void Owner(RequestConfiguration<DefaultQueryParameters> c) => c.Headers.Add("X-Manage-Token", booked.ManageToken!);

        var newSlot = await _client.Api.V1.Slots.Lock.PostAsync(new LockSlotCommand
        {
            Date = date, EmployeeId = alex.Id, Time = "11:00", ClientId = "kiota-client-1",
        });
        var moved = await appointment.PutAsync(
            new RescheduleRequest { Date = date, Time = "11:00", LockToken = newSlot!.LockToken, ClientId = "kiota-client-1" }, Owner);
        Assert.Equal("11:00", moved!.Time);
        Assert.Equal(booked.Id, moved.Id);

        var cancelled = await appointment.DeleteAsync(Owner);
        Assert.Equal(AppointmentDto_status.Cancelled, cancelled!.Status);
        var read = await appointment.GetAsync(Owner);
        Assert.Equal(AppointmentDto_status.Cancelled, read!.Status);
    }

    private static ConfirmBookingRequest Booking(int? serviceId, int? employeeId, Date date, string time, string? lockToken,
        string email = "ada@example.com") => new()
    {
        ServiceId = serviceId, EmployeeId = employeeId, Date = date, Time = time, LockToken = lockToken,
        Customer = new CustomerInput { Name = "Ada Lovelace", Email = email },
    };
}
