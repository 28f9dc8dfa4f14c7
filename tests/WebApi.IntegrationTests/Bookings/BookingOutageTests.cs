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
/// when the claims go in): the server-side kill is a real connection loss, not a simulated exception.
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
    public async Task Confirm_WhenDatabaseConnectionDiesMidTransaction_Returns503WithRetryAfter_AndLeavesNoRows()
    {
        var (haircut, alex, date) = (await _api.ServiceIdAsync("Haircut"), await _api.EmployeeIdAsync(), TestDates.Weekday(0));
        _app.Killer.Armed = true;

        var response = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "outage@example.com"), "outage-key-1");

        Assert.True(_app.Killer.Fired, "the interceptor never saw the claims insert");
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("https://appointease.dev/problems/unavailable", problem.GetProperty("type").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Appointments.CountAsync(a => a.CustomerEmail == "outage@example.com"));
            Assert.Equal(0, await db.Set<AppointmentClaim>().CountAsync());
            Assert.Equal(0, await db.Set<OutboxEmail>().CountAsync(e => e.To == "outage@example.com"));
        });

        // Once the database answers again the same request, with the same key, simply succeeds.
        var retry = await _api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "outage@example.com"), "outage-key-1");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
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
