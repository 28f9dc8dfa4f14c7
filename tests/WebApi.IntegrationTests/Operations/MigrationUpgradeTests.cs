using AppointEase.Infrastructure.Options;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.Seeding;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>
/// Decision 080: migrations are additive and reviewed. A database at the previous migration, with data in it, is
/// migrated to the latest one and keeps every row. The populate step writes through today's model where the previous
/// schema allows it and raw SQL where it must; a new migration that changes those tables updates this test with it.
/// </summary>
public sealed class MigrationUpgradeTests : IAsyncLifetime
{
    private readonly string _database = AppFactory.NewName();
    private string ConnectionString => new MySqlConnectionStringBuilder(TestServers.MySql) { Database = _database }.ConnectionString;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{_database}`", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task PopulatedDatabaseAtThePreviousMigration_MigratesToTheLatest_KeepingEveryRow()
    {
        await using var db = NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.True(migrations.Count >= 2, "an upgrade needs a previous migration");
        var previous = migrations[^2];
        await db.GetService<IMigrator>().MigrateAsync(previous);
        Assert.Equal([migrations[^1]], await db.Database.GetPendingMigrationsAsync());

        await new DemoDataSeeder(db, Microsoft.Extensions.Options.Options.Create(new BusinessOptions()),
            Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { SeedDemoData = true }), new Environment()).SeedAsync(CancellationToken.None);
        for (var i = 0; i < 25; i++)
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO email_outbox (kind, `to`, subject, text_body, html_body, attachments_json, status, attempts, created_utc, next_attempt_utc, sent_utc) " +
                "VALUES ('confirmation', {0}, 'Your booking', 'text', '<p>html</p>', '[]', {1}, 1, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), {2})",
                $"customer{i}@example.com", i % 2 == 0 ? "Sent" : "Pending", i % 2 == 0 ? DateTime.UtcNow : null!);
        }
        var before = await CountsAsync(db);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await CountsAsync(db));
        Assert.Equal(25, before["email_outbox"]);
        Assert.Equal(3, before["services"]);
    }

    private MySqlAppDbContext NewContext() => new(new DbContextOptionsBuilder<MySqlAppDbContext>()
        .UseMySql(ConnectionString, ServerVersion.Parse("10.11.0-mariadb")).Options);

    private static async Task<Dictionary<string, long>> CountsAsync(AppDbContext db)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "business_settings", "services", "employees", "email_outbox" })
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM `{table}`";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        return counts;
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "AppointEase.WebApi";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
