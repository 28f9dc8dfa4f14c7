using System.Net;
using System.Net.Sockets;
using AppointEase.Infrastructure.Email;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>With the mail server unreachable a booking still succeeds; its email waits in the outbox for a retry.</summary>
public sealed class BookingSmtpDownTests(BookingSmtpDownTests.Factory app) : IClassFixture<BookingSmtpDownTests.Factory>
{
    [Fact]
    public async Task Confirm_WhenSmtpIsDown_Returns201_AndKeepsTheEmailQueuedForRetry()
    {
        var api = new BookingApi(app, app.CreateClient());
        var (haircut, alex, date) = (await api.ServiceIdAsync("Haircut"), await api.EmployeeIdAsync(), TestDates.Weekday(0));

        await api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "smtp-down@example.com"));

        OutboxEmail? row = null;
        for (var i = 0; i < 50 && row is not { Attempts: > 0 }; i++)
        {
            await Task.Delay(200);
            await app.WithDbAsync(async db => row = await db.Set<OutboxEmail>().AsNoTracking().SingleAsync(e => e.To == "smtp-down@example.com"));
        }
        Assert.NotNull(row);
        Assert.True(row.Attempts > 0, "the dispatcher never tried to send");
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.NotNull(row.LastError);
        Assert.True(row.NextAttemptUtc > row.CreatedUtc);
        Assert.Equal("booked", await api.SlotStatusAsync(date, alex, haircut, "10:00"));
    }

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.Sqlite)
        {
            ConfigureServices = TestAuth.Add;
            With("Email:Smtp:Host", "127.0.0.1").With("Email:Smtp:Port", ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture))
                .With("Email:Smtp:Security", "None").With("Email:Smtp:TimeoutSeconds", "2");
        }

        /// <summary>A port that was free a moment ago: connecting to it is refused at once.</summary>
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
