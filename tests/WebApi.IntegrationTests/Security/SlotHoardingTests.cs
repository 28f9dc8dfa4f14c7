using System.Net;
using System.Net.Http.Json;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.Security;

/// <summary>
/// Issue 24, finding 1: one address locking every slot with a fresh clientId per request. The live-hold cap per network
/// (Holds:PerNetwork, default 10) stops it on both stores, IPv6 counted per /64, while another network still books.
/// </summary>
public abstract class SlotHoardingTests(AppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>The 14 bookable half hours of a demo working day (09:00–17:00, lunch 12–13).</summary>
    private static readonly string[] DayTimes =
        ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"];

    private Task<HttpResponseMessage> LockAsync(string peer, DateOnly date, int employeeId, string time, string? clientId = null) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/slots/lock")
        {
            Content = JsonContent.Create(new { date = date.Text(), employeeId, time, clientId = clientId ?? "flood-" + Guid.NewGuid().ToString("N")[..16] }),
        }.From(peer));

    [Fact]
    public async Task LockFlood_FromOneIpv4Address_WithAFreshClientIdEachTime_HoldsAtMostTheNetworkCap_AndAnotherAddressStillBooks()
    {
        var api = new BookingApi(app, _client);
        var (employee, date) = (await api.EmployeeIdAsync("Alex Morgan"), TestDates.Weekday(30));

        var responses = new List<HttpResponseMessage>();
        foreach (var time in DayTimes[..13])
            responses.Add(await LockAsync("198.51.100.7", date, employee, time));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await AssertTooManyHoldsAsync(refused);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync("198.51.100.8", date, employee, DayTimes[13])).StatusCode);
    }

    [Fact]
    public async Task LockFlood_From40AddressesOfOneIpv6Slash64_HoldsAtMostTheNetworkCap_AndAnotherSlash64StillBooks()
    {
        var api = new BookingApi(app, _client);
        var employee = await api.EmployeeIdAsync("Alex Morgan");
        var slots = Enumerable.Range(31, 3).SelectMany(day => DayTimes.Select(time => (Date: TestDates.Weekday(day), Time: time))).ToList();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++)
            responses.Add(await LockAsync($"2001:db8:24:64::{i + 1:x}", slots[i].Date, employee, slots[i].Time));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        await AssertTooManyHoldsAsync(responses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync("2001:db8:24:65::1", slots[40].Date, employee, slots[40].Time)).StatusCode);
    }

    [Fact]
    public async Task OneClientId_HoldsAtMostTheClientCap()
    {
        var api = new BookingApi(app, _client);
        var (employee, date) = (await api.EmployeeIdAsync("Sam Lee"), TestDates.Weekday(30));
        var clientId = "family-" + Guid.NewGuid().ToString("N")[..12];

        Assert.Equal(HttpStatusCode.OK, (await LockAsync("198.51.100.20", date, employee, "09:00", clientId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LockAsync("198.51.100.20", date.AddDays(1), employee, "09:00", clientId)).StatusCode);
        await AssertTooManyHoldsAsync(await LockAsync("198.51.100.20", date, employee, "10:00", clientId));

        Assert.Equal(HttpStatusCode.OK, (await LockAsync("198.51.100.20", date, employee, "10:00")).StatusCode);
    }

    private static async Task AssertTooManyHoldsAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("too_many_holds", problem.GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(1), response.Headers.RetryAfter?.ToString());
    }
}

public sealed class SlotHoardingTestsOnRedis(SlotHoardingTestsOnRedis.Factory app) : SlotHoardingTests(app), IClassFixture<SlotHoardingTestsOnRedis.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite, useRedis: true) => this.WithProductionAbuseLimits().WithTestPeers();
    }
}

public sealed class SlotHoardingTestsOnMariaDb(SlotHoardingTestsOnMariaDb.Factory app) : SlotHoardingTests(app), IClassFixture<SlotHoardingTestsOnMariaDb.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb) => this.WithProductionAbuseLimits().WithTestPeers();
    }
}
