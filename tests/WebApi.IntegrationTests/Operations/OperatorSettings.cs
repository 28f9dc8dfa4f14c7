using System.Security.Cryptography;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace AppointEase.WebApi.IntegrationTests.Operations;

/// <summary>The README's production example, pointed at the test servers, on a fresh database of its own.</summary>
public sealed class OperatorSettings : IAsyncDisposable
{
    public OperatorSettings()
    {
        DatabaseName = AppFactory.NewName();
        var smtp = TestServers.Smtp.Split(':');
        Values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:Database"] = ConnectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Redis:KeyPrefix"] = DatabaseName,
            ["Auth:OtpSecret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            ["Admin:ApiKeys:0:Id"] = "ops-1",
            ["Admin:ApiKeys:0:KeyHash"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("test-admin-key"))),
            ["Cors:AllowedOrigins:0"] = "https://shop.example.com",
            ["Jobs:Storage"] = "Redis",
            ["ConnectionStrings:Jobs"] = TestServers.Redis,
            ["Jobs:RedisPrefix"] = $"test:{DatabaseName}:hangfire:",
            ["Email:PublicBaseUrl"] = "https://booking.example.com",
            ["Email:Smtp:Host"] = smtp[0],
            ["Email:Smtp:Port"] = smtp[1],
            ["Email:Smtp:Security"] = "None",
            ["Shutdown:DrainSeconds"] = "0",
        };
    }

    public string DatabaseName { get; }
    public Dictionary<string, string?> Values { get; }
    public string ConnectionString => new MySqlConnectionStringBuilder(TestServers.MySql) { Database = DatabaseName }.ConnectionString;

    public OperatorSettings With(string key, string? value)
    {
        Values[key] = value;
        return this;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new MySqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"SELECT COUNT(*) FROM `{table}`", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task<bool> DatabaseExistsAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = @name", connection);
        command.Parameters.AddWithValue("@name", DatabaseName);
        return Convert.ToInt64(await command.ExecuteScalarAsync()) > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS `{DatabaseName}`", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
