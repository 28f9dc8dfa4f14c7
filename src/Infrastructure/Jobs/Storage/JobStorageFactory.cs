using Hangfire;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Jobs.Storage;

/// <summary>
/// The one place that knows which Hangfire storages exist (Jobs:Storage). A SQL storage (e.g. Hangfire.MySqlStorage,
/// not served by our registry today) is one more enum value and one more case here; nothing else names a storage.
/// The storage is created on first use, never in a constructor, so an unreachable Redis cannot fail start-up.
/// </summary>
public sealed class JobStorageFactory(IOptions<JobsOptions> options, JobsConnectionString connectionString, ILogger<JobStorageFactory> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private JobStorage? _storage;
    private ConnectionMultiplexer? _redis;

    public JobStorageKind Kind => options.Value.Storage;

    public JobStorage Storage
    {
        get
        {
            if (_storage is not null) return _storage;
            lock (_gate)
                return _storage ??= Create();
        }
    }

    /// <summary>Storage kind and endpoint without secrets, for logs and /health/ready.</summary>
    public string Describe() => Kind switch
    {
        JobStorageKind.Redis => $"Redis {RedisConfiguration().ToString(includePassword: false)} prefix {options.Value.RedisPrefix}",
        _ => "InMemory",
    };

    private JobStorage Create() => Kind switch
    {
        JobStorageKind.InMemory => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }),
        JobStorageKind.Redis => CreateRedis(),
        _ => throw new InvalidOperationException($"Jobs:Storage {Kind} is not supported."),
    };

    private RedisStorage CreateRedis()
    {
        // Our own multiplexer with AbortOnConnectFail=false: it returns at once while Redis is down and reconnects in
        // the background; the storage itself only touches Redis when a connection is asked for (then it throws, and the
        // job server retries). Longer timeouts than slot state's: job bookkeeping may wait, a request may not.
        _redis = ConnectionMultiplexer.Connect(RedisConfiguration());
        _redis.ConnectionFailed += (_, e) => logger.LogWarning("Job storage Redis connection failed: {FailureType} {Endpoint}; jobs pause", e.FailureType, e.EndPoint);
        _redis.ConnectionRestored += (_, e) => logger.LogInformation("Job storage Redis connection restored: {Endpoint}; jobs resume", e.EndPoint);
        return new RedisStorage(_redis, new RedisStorageOptions { Prefix = options.Value.RedisPrefix });
    }

    private ConfigurationOptions RedisConfiguration()
    {
        var config = ConfigurationOptions.Parse(connectionString.Value
            ?? throw new InvalidOperationException("ConnectionStrings:Jobs is required when Jobs:Storage is Redis."));
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2000;
        config.SyncTimeout = 5000;
        config.AsyncTimeout = 5000;
        config.ReconnectRetryPolicy = new LinearRetry(1000);
        return config;
    }

    public void Dispose()
    {
        (_storage as IDisposable)?.Dispose();
        _redis?.Dispose();
    }
}

/// <summary>ConnectionStrings:Jobs, read once at registration (it may name the same Redis as slot state, or another).</summary>
public sealed record JobsConnectionString(string? Value);
