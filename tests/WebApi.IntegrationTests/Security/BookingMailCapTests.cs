using System.Net;
using AppointEase.Infrastructure.Email;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Security;

/// <summary>
/// Issue 24, finding 6: booking mail as a phishing carrier. Names cannot carry links (BookingTests.BadInputs), and an
/// address that has never signed in gets at most RateLimits:BookingMailPerUnverifiedRecipient (3) confirmations a day.
/// </summary>
public sealed class BookingMailCapTests(BookingMailCapTests.Factory app) : IClassFixture<BookingMailCapTests.Factory>
{
    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite) => this.WithProductionAbuseLimits();
    }

    [Fact]
    public async Task BookingsForAnAddressThatNeverSignedIn_MailItOnlyUpToTheCap_ButAreAllMade()
    {
        var api = new BookingApi(app, app.CreateClient());
        var (haircut, alex) = (await api.ServiceIdAsync("Haircut"), await api.EmployeeIdAsync());
        var victim = $"victim-{Guid.NewGuid():N}@example.com";

        foreach (var time in new[] { "09:00", "09:30", "10:00", "10:30", "11:00" })
            Assert.Equal(HttpStatusCode.Created, (await api.ConfirmAsync(BookingApi.Body(haircut, alex, TestDates.Weekday(40), time, email: victim))).StatusCode);

        var mailed = 0;
        await app.WithDbAsync(async db => mailed = await db.Set<OutboxEmail>().CountAsync(e => e.To == victim && e.Kind == "booking-confirmation"));
        Assert.Equal(3, mailed);
    }
}
