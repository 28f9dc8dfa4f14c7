using System.Net;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;

namespace AppointEase.WebApi.IntegrationTests.RateLimiting;

public sealed class BookingRateLimitAppFactory : AppFactory
{
    public BookingRateLimitAppFactory() : base(DatabaseKind.Sqlite) => With("RateLimits:BookingPerIp:PermitLimit", "2");
}

public sealed class BookingRateLimitTests(BookingRateLimitAppFactory app) : IClassFixture<BookingRateLimitAppFactory>
{
    [Fact]
    public async Task ConfirmBooking_OverThePerIpLimit_Returns429WithRetryAfter_AndWritesNothing()
    {
        var api = new BookingApi(app, app.CreateClient());
        var service = await api.ServiceIdAsync("Haircut");
        var employee = await api.EmployeeIdAsync();
        var date = TestDates.Weekday(2);

        var first = await api.ConfirmAsync(BookingApi.Body(service, employee, date, "09:00", email: "one@example.com"));
        var second = await api.ConfirmAsync(BookingApi.Body(service, employee, date, "10:00", email: "two@example.com"));
        var third = await api.ConfirmAsync(BookingApi.Body(service, employee, date, "11:00", email: "three@example.com"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 must say when to retry");
        await app.WithDbAsync(async db => Assert.Equal(2, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Appointments)));
    }
}
