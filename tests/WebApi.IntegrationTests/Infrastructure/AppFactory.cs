using AppointEase.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    MariaDb,
}

/// <summary>
/// The real WebApi on a private database of its own (a SQLite file or a fresh MariaDB schema), dropped on dispose.
/// Settings can be overridden per factory; <see cref="UseRedis"/> points slot state at the test Redis with a
/// private key prefix so factories never see each other's keys.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _name;
    private readonly string _workDir;
    private readonly Dictionary<string, string?> _settings = new();

    public AppFactory(DatabaseKind database, bool useRedis = false) : this(database, useRedis, null, null)
    {
    }

    /// <summary>
    /// With <paramref name="sharedDatabaseName"/> (another factory's <see cref="DatabaseName"/>) this is a second
    /// instance of the app on the same database, for multi-instance tests; the owner alone drops the database.
    /// Start the owner first so only it migrates.
    /// </summary>
    public AppFactory(DatabaseKind database, string? sharedDatabaseName, bool useRedis = false)
        : this(database, useRedis, null, sharedDatabaseName)
    {
    }

    /// <summary>
    /// Factories created with the same <paramref name="sharedName"/> share one database and one Redis key prefix:
    /// several instances of one deployment. Start them one after the other (the first migrates and seeds).
    /// </summary>
    public AppFactory(DatabaseKind database, bool useRedis, string? sharedName) : this(database, useRedis, sharedName, sharedName)
    {
    }

    private AppFactory(DatabaseKind database, bool useRedis, string? sharedName, string? sharedDatabaseName)
    {
        _name = sharedName ?? NewName();
        Database = database;
        UseRedis = useRedis;
        DatabaseName = sharedDatabaseName ?? _name;
        _workDir = Path.Combine(Path.GetTempPath(), "appointease-tests", _name);
        Directory.CreateDirectory(_workDir);
        _settings["Database:Provider"] = database == DatabaseKind.MariaDb ? "MySql" : "Sqlite";
        // Every test instance migrates its own fresh database (production instances leave that to the migrate step).
        _settings["Database:MigrateOnStartup"] = "true";
        _settings["ConnectionStrings:Database"] = database == DatabaseKind.MariaDb
            ? new MySqlConnectionStringBuilder(TestServers.MySql) { Database = DatabaseName }.ConnectionString
            : $"Data Source={Path.Combine(Path.GetTempPath(), "appointease-tests", DatabaseName, "app.db")}";
        _settings["ConnectionStrings:Redis"] = useRedis ? TestServers.Redis : "";
        _settings["Redis:KeyPrefix"] = _name;
        // Production keeps 500 ms so a slow Redis fails over fast; a parallel suite on a 2-core CI machine can stall a
        // reply that long, and a test that expects Redis must not flip to SQL (or fail) on a scheduling hiccup.
        _settings["Redis:ConnectTimeoutMs"] = "2000";
        _settings["Redis:OperationTimeoutMs"] = "2000";
        // The same for SQL: production answers 503 after 1 s on a dead or frozen MariaDB (decision 075), but dozens of
        // test classes creating and migrating databases at once can keep a healthy server's handshake waiting longer.
        // The outage tests, which run alone, set the production values back.
        _settings["Database:ConnectTimeoutSeconds"] = "10";
        _settings["Database:CommandTimeoutSeconds"] = "15";
        _settings["Email:PickupDirectory"] = Path.Combine(_workDir, "mail");
        // Suites book many times from one test client; the booking limit has its own test with a low value.
        _settings["RateLimits:BookingPerIp:PermitLimit"] = "1000000";
        // Likewise for the abuse limits of issue 24: every test request comes from the same (absent) peer address and
        // suites reuse addresses; Security/SlotHoardingTests, OtpLockoutTests and BookingMailCapTests set the defaults.
        _settings["RateLimits:SlotsPerIp:PermitLimit"] = "1000000";
        _settings["RateLimits:VerifyPerIp:PermitLimit"] = "1000000";
        _settings["RateLimits:BookingMailPerUnverifiedRecipient:PermitLimit"] = "1000000";
        _settings["Holds:PerClient"] = "100";
        _settings["Holds:PerNetwork"] = "10000";
    }

    /// <summary>The production defaults of the abuse limits the constructor lifts (issue 24), for the tests of those limits.</summary>
    public AppFactory WithProductionAbuseLimits() => With("RateLimits:SlotsPerIp:PermitLimit", "120")
        .With("RateLimits:VerifyPerIp:PermitLimit", "30").With("RateLimits:BookingMailPerUnverifiedRecipient:PermitLimit", "3")
        .With("Holds:PerClient", "2").With("Holds:PerNetwork", "10");

    /// <summary>A fresh database / key-prefix name, for <see cref="AppFactory(DatabaseKind, bool, string?)"/>.</summary>
    public static string NewName() => "ae_" + Guid.NewGuid().ToString("N")[..12];

    public DatabaseKind Database { get; }
    public bool UseRedis { get; }
    public string Name => _name;
    /// <summary>The database (MariaDB schema or SQLite folder name) this instance uses; its own unless shared.</summary>
    public string DatabaseName { get; }
    private bool OwnsDatabase => DatabaseName == _name;
    public string MailDirectory => Path.Combine(_workDir, "mail");

    /// <summary>Overrides one configuration key; call before the first client is created.</summary>
    public AppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Whether responses are checked against the OpenAPI document. Only Production transport tests turn it off: the
    /// HTTPS redirect and the https_required refusal answer before any route and are documented in docs/security.md.
    /// </summary>
    protected bool ChecksContract { get; init; } = true;

    /// <summary>Extra service replacements for one factory (e.g. a fake clock), applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Every response a test receives is checked against the OpenAPI document (decision 089).
        if (ChecksContract)
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, Contract.ContractValidationStartupFilter>());
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (ConfigureServices is not null)
            builder.ConfigureTestServices(ConfigureServices);
    }

    /// <summary>A scope on the app's container, for arranging or asserting data directly.</summary>
    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Database == DatabaseKind.MariaDb && OwnsDatabase)
        {
            await using var connection = new MySqlConnection(TestServers.MySql);
            await connection.OpenAsync();
            await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{_name}`", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_workDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class SqliteAppFactory() : AppFactory(DatabaseKind.Sqlite);

public sealed class MariaDbAppFactory() : AppFactory(DatabaseKind.MariaDb);
