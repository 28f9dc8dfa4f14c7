using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace AppointEase.Infrastructure.Options;

/// <summary>
/// Parses the connection strings at start-up, so a garbled one stops the app with a message naming its key instead
/// of the driver's parser error on the first request. Never echoes the value: it may hold a password.
/// </summary>
internal sealed class ConnectionStringValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        var database = configuration.GetConnectionString("Database");
        if (options.Provider == DatabaseProvider.MySql)
        {
            if (string.IsNullOrWhiteSpace(database))
                failures.Add("ConnectionStrings:Database is required when Database:Provider is MySql.");
            else if (!Parses(() => new MySqlConnectionStringBuilder(database)) || string.IsNullOrEmpty(new MySqlConnectionStringBuilder(database).Database))
                failures.Add("ConnectionStrings:Database is not a MySQL connection string with a database (Server=…;Database=…;User ID=…;Password=…).");
        }
        else if (!string.IsNullOrWhiteSpace(database) && !Parses(() => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database)))
        {
            failures.Add("ConnectionStrings:Database is not a SQLite connection string (Data Source=path/to/file.db).");
        }
        foreach (var key in new[] { "Redis", "Jobs" })
        {
            var value = configuration.GetConnectionString(key);
            if (!string.IsNullOrWhiteSpace(value) && !Parses(() => StackExchange.Redis.ConfigurationOptions.Parse(value)))
                failures.Add($"ConnectionStrings:{key} is not a StackExchange.Redis configuration (host:port[,password=…]).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool Parses(Func<object> parse)
    {
        try { parse(); return true; }
        catch (ArgumentException) { return false; }
        catch (FormatException) { return false; }
    }
}
