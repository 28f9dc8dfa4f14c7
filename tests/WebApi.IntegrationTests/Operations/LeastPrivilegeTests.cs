using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppointEase.WebApi.IntegrationTests.Bookings;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using AppointEase.WebApi.IntegrationTests.Jobs;
using AppointEase.WebApi.IntegrationTests.Reliability;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>
/// The two MariaDB users of docs/operations.md ("Database and users"), with exactly the grants written there: the
/// release step migrates with the migrator's grants, the app books, confirms and cancels with the runtime user's
/// row-only grants, and the runtime user cannot migrate.
/// </summary>
[Collection(AppProcessCollection.Name)]
public sealed class LeastPrivilegeTests : IAsyncLifetime
{
    // The GRANT lines of docs/operations.md; OperationsDoc_ListsTheseGrants keeps them equal.
    private const string RuntimeGrants = "SELECT, INSERT, UPDATE, DELETE";
    private const string MigratorGrants = "SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES";

    private readonly OperatorSettings _settings = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly string _password = Guid.NewGuid().ToString("N");
    private string Runtime => "ae_rt_" + _suffix;
    private string Migrator => "ae_mg_" + _suffix;

    public async Task InitializeAsync()
    {
        // As root, once (docs/operations.md): the database, then the two users with their grants.
        await ExecuteAsync($"CREATE DATABASE `{_settings.DatabaseName}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        foreach (var (user, grants) in new[] { (Runtime, RuntimeGrants), (Migrator, MigratorGrants) })
            foreach (var host in new[] { "%", "localhost" })
            {
                await ExecuteAsync($"CREATE USER '{user}'@'{host}' IDENTIFIED BY '{_password}'");
                await ExecuteAsync($"GRANT {grants} ON `{_settings.DatabaseName}`.* TO '{user}'@'{host}'");
            }
    }

    public async Task DisposeAsync()
    {
        foreach (var user in new[] { Runtime, Migrator })
            foreach (var host in new[] { "%", "localhost" })
                await ExecuteAsync($"DROP USER IF EXISTS '{user}'@'{host}'");
        await _settings.DisposeAsync();
    }

    [Fact]
    public async Task OperationsDoc_ListsTheseGrants()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "operations.md"));
        Assert.Contains($"GRANT {RuntimeGrants} ON appointease.* TO 'appointease'@", doc);
        Assert.Contains($"GRANT {MigratorGrants} ON appointease.* TO 'appointease-migrate'@", doc);
    }

    [Fact]
    public async Task RuntimeUser_CannotMigrate_MigratorCan_AndTheAppBooksConfirmsAndCancelsWithRowGrantsOnly()
    {
        // The runtime user is refused at the first CREATE TABLE: one line naming the error, no trace, no schema.
        await using (var refused = AppProcess.Start(As(Runtime).Values, "migrate"))
        {
            Assert.Equal(3, await refused.WaitForExitAsync(TimeSpan.FromSeconds(120)));
            Assert.Contains("the database refused (MySQL error 1142)", refused.Output);
            Assert.DoesNotContain("   at ", refused.Output);
        }
        Assert.Equal(0L, await TableCountAsync());

        await using (var migrate = AppProcess.Start(As(Migrator).With("Database:SeedDemoData", "true").Values, "migrate"))
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromSeconds(120)) == 0, migrate.Output);

        var logs = new CapturedLogs();
        await using var app = new AppFactory(DatabaseKind.MariaDb)
            .With("ConnectionStrings:Database", ConnectionString(Runtime))
            .With("Database:MigrateOnStartup", "false");
        app.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs);
        var api = new BookingApi(app, app.CreateClient());
        var (haircut, alex, date) = (await api.ServiceIdAsync("Haircut"), await api.EmployeeIdAsync(), TestDates.Weekday(3));

        var booked = await api.ConfirmOkAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "least-privilege@example.com"));
        var taken = await api.ConfirmAsync(BookingApi.Body(haircut, alex, date, "10:00", email: "second@example.com"));
        var cancel = await api.SendAsync(HttpMethod.Delete, $"/api/v1/appointments/{booked.GetProperty("id").GetInt32()}",
            manageToken: booked.GetProperty("manageToken").GetString());

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("available", await api.SlotStatusAsync(date, alex, haircut, "10:00"));
        // Every recurring job runs with the runtime user's grants too: triggered now rather than left to the minute
        // boundary, which would make a refused statement show up only in the runs that happen to cross it.
        await JobsHealth.WaitUntilRunningAsync(app.CreateClient());
        await RunEveryRecurringJobAsync(app.Services);
        // Nothing the grants refused was logged (the widget-bundle check depends on the build, not on the database).
        Assert.DoesNotContain(logs.WarningsAndAbove, line => !line.Contains("Widget not built"));
    }

    private static async Task RunEveryRecurringJobAsync(IServiceProvider services)
    {
        var storage = services.GetRequiredService<JobStorage>();
        var before = RecurringJobs(storage);
        Assert.NotEmpty(before);
        var manager = services.GetRequiredService<IRecurringJobManager>();
        foreach (var id in before.Keys) manager.Trigger(id);
        bool RanAgain(RecurringJobDto now) => now.LastJobId != before[now.Id].LastJobId && FinalStates.Contains(now.LastJobState);
        await Eventually.WaitUntilAsync(() =>
        {
            var now = RecurringJobs(storage);
            return Task.FromResult(before.Keys.All(id => RanAgain(now[id])));
        }, TimeSpan.FromSeconds(60), "every triggered recurring job finished");
        var after = RecurringJobs(storage);
        foreach (var id in before.Keys)
            Assert.True(after[id].LastJobState == SucceededState.StateName, $"{id} ended {after[id].LastJobState}");
    }

    private static readonly string[] FinalStates = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    private static Dictionary<string, RecurringJobDto> RecurringJobs(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().ToDictionary(job => job.Id);
    }

    private OperatorSettings As(string user) => _settings.With("ConnectionStrings:Database", ConnectionString(user));

    private string ConnectionString(string user) =>
        new MySqlConnectionStringBuilder(TestServers.MySql) { Database = _settings.DatabaseName, UserID = user, Password = _password }.ConnectionString;

    private async Task<long> TableCountAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = @name", connection);
        command.Parameters.AddWithValue("@name", _settings.DatabaseName);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AppointEase.sln"))) return dir.FullName;
        throw new InvalidOperationException("AppointEase.sln not found above " + AppContext.BaseDirectory);
    }
}
