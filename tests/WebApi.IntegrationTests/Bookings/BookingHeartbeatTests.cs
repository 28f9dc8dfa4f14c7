using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>
/// The whole flow through the public slot endpoints on MariaDB with Redis slot state: lock, confirm with the token,
/// reschedule, cancel; every other visitor's heartbeat shows the cells taken and freed at once.
/// </summary>
public sealed class BookingHeartbeatTests(BookingHeartbeatTests.Factory app) : IClassFixture<BookingHeartbeatTests.Factory>
{
    private readonly BookingApi _api = new(app, app.CreateClient());

    [Fact]
    public async Task ConfirmRescheduleCancel_AreVisibleInAnotherVisitorsHeartbeat()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));
        var firstLock = await LockAsync(date, alex, "10:00", "client-flow-1");
        var booked = await _api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", lockToken: firstLock));
        var id = booked.GetProperty("id").GetInt32();
        var token = booked.GetProperty("manageToken").GetString();

        var afterConfirm = await HeartbeatAsync(date, alex);
        Assert.Contains("10:00", afterConfirm.Booked);
        Assert.DoesNotContain("10:00", afterConfirm.Locked); // the hold was released after the commit

        var secondLock = await LockAsync(date, alex, "15:00", "client-flow-1");
        var moved = await _api.SendAsync(HttpMethod.Put, $"/api/v1/appointments/{id}",
            new { date = date.Text(), time = "15:00", lockToken = secondLock, clientId = "client-flow-1" }, manageToken: token);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var afterMove = await HeartbeatAsync(date, alex);
        Assert.DoesNotContain("10:00", afterMove.Booked);
        Assert.Contains("15:00", afterMove.Booked);
        Assert.DoesNotContain("15:00", afterMove.Locked);

        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{id}", manageToken: token)).StatusCode);
        var afterCancel = await HeartbeatAsync(date, alex);
        Assert.Empty(afterCancel.Booked);
        Assert.Equal("available", await _api.SlotStatusAsync(date, alex, haircut, "15:00"));
    }

    private async Task<string> LockAsync(DateOnly date, int employeeId, string time, string clientId)
    {
        var response = await _api.Client.PostAsJsonAsync("/api/v1/slots/lock", new { date = date.Text(), employeeId, time, clientId });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("lockToken").GetString()!;
    }

    private async Task<(string[] Booked, string[] Locked)> HeartbeatAsync(DateOnly date, int employeeId)
    {
        var response = await _api.Client.PostAsJsonAsync("/api/v1/heartbeat", new { date = date.Text(), employeeId, clientId = "client-onlooker" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var json = JsonDocument.Parse(text).RootElement;
        return (json.GetProperty("bookedSlots").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            json.GetProperty("lockedSlots").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb, useRedis: true) => ConfigureServices = TestAuth.Add;
    }
}
