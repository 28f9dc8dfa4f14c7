using System.Data.Common;
using System.Net;
using AppointEase.Domain.Appointments;
using AppointEase.Infrastructure.Email;
using AppointEase.Infrastructure.Persistence;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Bookings;

/// <summary>
/// The database connection dies in the middle of the booking transaction (after the appointment row was written,
/// when the claims go in): the server-side kill is a real connection loss, not a simulated exception. The answer to a
/// database that stays down (503 + Retry-After) is covered by Reliability/DatabaseOutageTests.
/// </summary>
public sealed class BookingOutageTests : IClassFixture<BookingOutageTests.Factory>
{
    private readonly Factory _app;
    private readonly BookingApi _api;

    public BookingOutageTests(Factory app)
    {
        _app = app;
        _api = new BookingApi(app, app.CreateClient());
    }

    [Fact]
    public async Task Confirm_WhenDatabaseConnectionDiesMidTransaction_IsRetriedOnAFreshConnection_AndBooksOnce()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));
        _app.Killer.Armed = true;

        var response = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "outage@example.com"), "outage-key-1");

        // The killed connection failed fast, so the unit of work ran the whole booking again on a new connection
        // (decision 073): the customer sees one 201, and the first attempt left nothing behind.
        Assert.True(_app.Killer.Fired, "the interceptor never saw the claims insert");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Appointments.CountAsync(a => a.CustomerEmail == "outage@example.com"));
            Assert.Equal(1, await db.Set<AppointmentClaim>().CountAsync());
            Assert.Equal(1, await db.Set<OutboxEmail>().CountAsync(e => e.To == "outage@example.com"));
        });

        // The same request, with the same key, is a replay of that booking.
        var retry = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "outage@example.com"), "outage-key-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
    }

    public sealed class Factory : AppFactory
    {
        public Factory() : base(DatabaseKind.MariaDb) =>
            ConfigureServices = services =>
            {
                TestAuth.Add(services);
                services.ConfigureDbContext<MySqlAppDbContext>((_, options) => options.AddInterceptors(Killer), ServiceLifetime.Singleton);
            };

        public ConnectionKiller Killer { get; } = new();
    }

    /// <summary>When armed, kills its own server connection just before the first claims insert runs.</summary>
    public sealed class ConnectionKiller : DbCommandInterceptor
    {
        public volatile bool Armed;
        public volatile bool Fired;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await MaybeKillAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await MaybeKillAsync(command);
            return result;
        }

        private async Task MaybeKillAsync(DbCommand command)
        {
            if (!Armed || !command.CommandText.Contains("appointment_claims", StringComparison.Ordinal)
                || !command.CommandText.Contains("INSERT", StringComparison.Ordinal)) return;
            Armed = false;
            Fired = true;
            var victim = ((MySqlConnection)command.Connection!).ServerThread;
            await using var admin = new MySqlConnection(TestServers.MySql);
            await admin.OpenAsync();
            await using var kill = new MySqlCommand($"KILL {victim}", admin);
            await kill.ExecuteNonQueryAsync();
        }
    }
}
