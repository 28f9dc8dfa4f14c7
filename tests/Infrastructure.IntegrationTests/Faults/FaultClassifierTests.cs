using System.Net;
using System.Net.Sockets;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.IntegrationTests.Faults;

/// <summary>
/// Real failures from the real servers (the test MariaDB and Redis that scripts/test.sh starts, a SQLite file), each
/// classified by type and error code — no failure here is built by hand from a message.
/// </summary>
public sealed class FaultClassifierTests : IAsyncLifetime
{
    private static string MySql => Environment.GetEnvironmentVariable("APPOINTEASE_TEST_MYSQL") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("APPOINTEASE_TEST_MYSQL is not set. Run the suite with scripts/test.sh.");

    private static string Redis => Environment.GetEnvironmentVariable("APPOINTEASE_TEST_REDIS") is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException("APPOINTEASE_TEST_REDIS is not set. Run the suite with scripts/test.sh.");

    private readonly string _database = "faults_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"faults-{Guid.NewGuid():N}.db");

    public async Task InitializeAsync()
    {
        await using var connection = new MySqlConnection(MySql);
        await connection.OpenAsync();
        await Execute(connection, $"CREATE DATABASE `{_database}`");
        await Execute(connection, $"CREATE TABLE `{_database}`.t (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
        await Execute(connection, $"INSERT INTO `{_database}`.t VALUES (1, 0), (2, 0)");
    }

    public async Task DisposeAsync()
    {
        await using var connection = new MySqlConnection(MySql);
        await connection.OpenAsync();
        await Execute(connection, $"DROP DATABASE IF EXISTS `{_database}`");
        SqliteConnection.ClearAllPools();
        File.Delete(_sqliteFile);
    }

    [Fact]
    public async Task MariaDb_DuplicateKey_IsAUniqueViolation()
    {
        await using var connection = await OpenAsync();

        var failure = await Assert.ThrowsAsync<MySqlException>(() => Execute(connection, "INSERT INTO t VALUES (1, 0)"));

        Assert.Equal(DataFault.UniqueViolation, FaultClassifier.Sql(failure));
    }

    [Fact]
    public async Task MariaDb_DeadlockVictim_IsADeadlock()
    {
        await using var a = await OpenAsync();
        await using var b = await OpenAsync();
        await using var ta = await a.BeginTransactionAsync();
        await using var tb = await b.BeginTransactionAsync();
        await Execute(a, "UPDATE t SET v = 1 WHERE id = 1", ta);
        await Execute(b, "UPDATE t SET v = 1 WHERE id = 2", tb);

        // Each waits for the row the other holds: InnoDB picks one as the victim at once.
        var first = Execute(a, "UPDATE t SET v = 2 WHERE id = 2", ta);
        await Task.Delay(200);
        var second = Execute(b, "UPDATE t SET v = 2 WHERE id = 1", tb);
        var failures = new List<Exception>();
        foreach (var update in new[] { first, second })
        {
            try { await update; }
            catch (MySqlException ex) { failures.Add(ex); }
        }

        var victim = Assert.Single(failures);
        Assert.Equal(DataFault.Deadlock, FaultClassifier.Sql(victim));
    }

    [Fact]
    public async Task MariaDb_NobodyListening_IsUnavailable()
    {
        var builder = new MySqlConnectionStringBuilder(MySql) { Port = (uint)ClosedPort(), ConnectionTimeout = 1, Pooling = false };
        await using var connection = new MySqlConnection(builder.ConnectionString);

        var failure = await Assert.ThrowsAsync<MySqlException>(() => connection.OpenAsync());

        Assert.Equal(DataFault.Unavailable, FaultClassifier.Sql(failure));
    }

    [Fact]
    public async Task MariaDb_ConnectionKilledMidCommand_IsUnavailable()
    {
        await using var victim = await OpenAsync();
        await using var admin = await OpenAsync();
        var sleeping = Execute(victim, "SELECT SLEEP(10)");
        await Task.Delay(200);

        await Execute(admin, $"KILL {victim.ServerThread}");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => sleeping);
        Assert.Equal(DataFault.Unavailable, FaultClassifier.Sql(failure));
    }

    [Fact]
    public async Task MariaDb_SyntaxError_IsNotADataStoreFault()
    {
        await using var connection = await OpenAsync();

        var failure = await Assert.ThrowsAsync<MySqlException>(() => Execute(connection, "SELEKT 1"));

        Assert.Equal(DataFault.Other, FaultClassifier.Sql(failure));
    }

    [Fact]
    public async Task Sqlite_UniqueConstraint_IsAUniqueViolation_AndBusy_IsTransient()
    {
        await using var writer = new SqliteConnection($"Data Source={_sqliteFile};Default Timeout=1");
        await writer.OpenAsync();
        await Execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE); INSERT INTO t VALUES (1, 'a');");

        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => Execute(writer, "INSERT INTO t VALUES (2, 'a')"));
        Assert.Equal(DataFault.UniqueViolation, FaultClassifier.Sql(duplicate));

        await using var holder = writer.BeginTransaction();
        await Execute(writer, "INSERT INTO t VALUES (3, 'c')", holder);
        await using var other = new SqliteConnection($"Data Source={_sqliteFile};Default Timeout=1;Pooling=False");
        await other.OpenAsync();
        var busy = await Assert.ThrowsAsync<SqliteException>(() => Execute(other, "INSERT INTO t VALUES (4, 'd')"));
        Assert.Equal(DataFault.Transient, FaultClassifier.Sql(busy));
    }

    [Fact]
    public async Task Redis_NobodyListening_IsUnavailable_ButAScriptError_IsNot()
    {
        var down = ConfigurationOptions.Parse($"127.0.0.1:{ClosedPort()}");
        down.AbortOnConnectFail = false;
        down.ConnectTimeout = 500;
        await using var nowhere = await ConnectionMultiplexer.ConnectAsync(down);
        var outage = await Assert.ThrowsAnyAsync<Exception>(() => nowhere.GetDatabase().PingAsync());
        Assert.Equal(DataFault.Unavailable, FaultClassifier.Redis(outage, nowhere.IsConnected));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var bug = await Assert.ThrowsAsync<RedisServerException>(() => redis.GetDatabase().ScriptEvaluateAsync("return redis.call('NOSUCHCOMMAND')"));
        Assert.Equal(DataFault.Other, FaultClassifier.Redis(bug, redis.IsConnected));
    }

    /// <summary>
    /// What a Cluster or Sentinel answers while a master is replaced is an outage (the store fails over to SQL until it
    /// passes), not a bug. The real server sends each reply here (a script's error_reply), through the real client.
    /// </summary>
    [Theory]
    [InlineData("CLUSTERDOWN The cluster is down", DataFault.Unavailable)]
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot", DataFault.Unavailable)]
    [InlineData("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.", DataFault.Unavailable)]
    [InlineData("READONLY You can't write against a read only replica.", DataFault.Unavailable)]
    [InlineData("LOADING Redis is loading the dataset in memory", DataFault.Unavailable)]
    [InlineData("ERR CLUSTERDOWN is only a word here", DataFault.Other)]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", DataFault.Other)]
    public async Task Redis_FailoverReplies_AreUnavailable_OtherErrorReplies_AreNot(string reply, DataFault expected)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            redis.GetDatabase().ScriptEvaluateAsync("return redis.error_reply(ARGV[1])", values: [reply]));

        Assert.Equal(expected, FaultClassifier.Redis(error, redis.IsConnected));
    }

    [Fact]
    public void Redis_ACancellationNobodyAskedFor_IsUnavailable_ARequestedOne_IsNot()
    {
        Assert.Equal(DataFault.Unavailable, FaultClassifier.Redis(new TaskCanceledException(), connected: true));

        using var requested = new CancellationTokenSource();
        requested.Cancel();
        Assert.Equal(DataFault.Other, FaultClassifier.Redis(new OperationCanceledException(requested.Token), connected: true));
    }

    /// <summary>
    /// When a socket is torn down under a command, StackExchange.Redis can surface the pipe's InvalidOperationException
    /// (reading a completed pipe) while the multiplexer still counts as connected (a Cluster with other nodes up): an
    /// outage by where it was thrown. The same type thrown by anything else while connected stays a bug.
    /// </summary>
    [Fact]
    public async Task Redis_APipeReadAfterItsSocketClosed_IsUnavailable_AnotherInvalidOperation_IsNot()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Reader.CompleteAsync();
        var torn = Assert.Throws<InvalidOperationException>(() => pipe.Reader.AdvanceTo(default(System.Buffers.ReadOnlySequence<byte>).Start));

        Assert.Equal(DataFault.Unavailable, FaultClassifier.Redis(torn, connected: true));
        Assert.Equal(DataFault.Other, FaultClassifier.Redis(Assert.Throws<InvalidOperationException>(() => new List<int>().First()), connected: true));
    }

    /// <summary>
    /// A connection reset under a command can reach the caller as the socket layer's own IOException rather than a
    /// RedisConnectionException (seen in RedisMasterKillTests): an outage, so the instance fails over to SQL.
    /// </summary>
    [Fact]
    public void Redis_ASocketResetUnderACommand_IsUnavailable()
    {
        var reset = new SocketException((int)SocketError.ConnectionReset);
        Assert.Equal(DataFault.Unavailable, FaultClassifier.Redis(new Pipelines.Sockets.Unofficial.ConnectionResetException("Connection reset by peer", reset), connected: true));
        Assert.Equal(DataFault.Unavailable, FaultClassifier.Redis(reset, connected: true));
    }

    private async Task<MySqlConnection> OpenAsync()
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(MySql) { Database = _database }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nobody listens there
    }
}
