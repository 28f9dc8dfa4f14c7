using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Redis;

/// <summary>
/// The one multiplexer of the instance, connected lazily and never allowed to fail start-up: with
/// AbortOnConnectFail=false it keeps reconnecting in the background while callers fail fast and fall back to SQL.
/// </summary>
public sealed class RedisConnection(string configuration, IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() => Connect(configuration, options.Value, logger));

    public RedisOptions Options => options.Value;

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    /// <summary>The failure means Redis cannot be reached (see <see cref="FaultClassifier.Redis"/>), not a bug or a script error.</summary>
    public bool IsOutage(Exception exception) =>
        FaultClassifier.Redis(exception, _multiplexer.IsValueCreated && _multiplexer.Value.IsConnected) == DataFault.Unavailable;

    private static ConnectionMultiplexer Connect(string configuration, RedisOptions options, ILogger logger)
    {
        var config = ConfigurationOptions.Parse(configuration);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = options.ConnectTimeoutMs;
        config.SyncTimeout = options.OperationTimeoutMs;
        config.AsyncTimeout = options.OperationTimeoutMs;
        config.ConnectRetry = 1;
        config.ReconnectRetryPolicy = new LinearRetry(500);
        // Fail at once while disconnected instead of queueing until the timeout: the caller falls back to SQL.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        // Socket reads and writes on the .NET thread pool instead of a dedicated pool: one pool fewer to hand off between
        // on a busy host; all request paths are asynchronous, so nothing blocks the pool that reads the replies (decision 142).
        config.SocketManager = SocketManager.ThreadPool;
        var multiplexer = ConnectionMultiplexer.Connect(config);
        multiplexer.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection failed: {FailureType} {Endpoint}", e.FailureType, e.EndPoint);
        multiplexer.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection restored: {Endpoint}", e.EndPoint);
        return multiplexer;
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
