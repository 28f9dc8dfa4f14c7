using MySqlConnector;

namespace AppointEase.Infrastructure.Startup;

/// <summary>
/// One instance at a time migrates and seeds a MySQL/MariaDB database: a server-wide named lock (GET_LOCK) held on a
/// connection that names no database, because the database itself may not exist yet. Two instances starting together
/// on an empty server otherwise both try CREATE DATABASE and both insert the settings row (one crashed, 6 of 6 times).
/// The server drops the lock with the connection, so a killed instance never leaves it behind.
/// </summary>
internal sealed class DatabaseInitLock : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly MySqlConnection? _connection;

    private DatabaseInitLock(MySqlConnection? connection) => _connection = connection;

    public static DatabaseInitLock None { get; } = new(null);

    /// <summary>Opens a server connection (this is also the "is the server up" probe) and takes the lock.</summary>
    public static async Task<DatabaseInitLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var lockName = $"appointease_init_{builder.Database}";
        builder.Database = "";
        builder.Pooling = false;
        builder.ConnectionTimeout = Math.Min(builder.ConnectionTimeout, 5);
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT GET_LOCK(@name, @wait)", connection);
            command.Parameters.AddWithValue("@name", lockName.Length > 64 ? lockName[..64] : lockName);
            command.Parameters.AddWithValue("@wait", (int)Wait.TotalSeconds);
            command.CommandTimeout = (int)Wait.TotalSeconds + 10;
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L) != 1)
                throw new StartupRetryException($"another instance held the start-up lock {lockName} for {Wait.TotalSeconds} s");
            return new DatabaseInitLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null) return;
        await _connection.DisposeAsync();   // closing the connection releases the lock
    }
}

/// <summary>A start-up condition that is expected to clear by itself (lock busy, schema not migrated yet).</summary>
internal sealed class StartupRetryException(string message) : Exception(message);
