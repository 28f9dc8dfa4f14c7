using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState.Redis;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.Jobs.Failback;

/// <summary>
/// Every minute: drops expired fields from the slot engine's per-day hashes (lock index, active selections). The keys
/// themselves expire by TTL, but a busy day's hash lives on with dead fields; pruning here (SCAN over the keys, one
/// atomic script per key comparing each field's expiry with the Redis clock) keeps that work off request paths.
/// </summary>
[AutomaticRetry(Attempts = 0, LogEvents = false)]
public sealed class RedisDayIndexPruneJob(IServiceProvider services, IStoreStatus status, ILogger<RedisDayIndexPruneJob> logger)
{
    private const string PruneExpiredFields = """
        local t = redis.call('TIME')
        local n = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local all = redis.call('HGETALL', KEYS[1])
        local removed = 0
        for i = 1, #all, 2 do
          local expires = tonumber(string.match(all[i + 1], '|(%d+)$'))
          if expires and expires <= n then
            redis.call('HDEL', KEYS[1], all[i])
            removed = removed + 1
          end
        end
        return removed
        """;

    [DisableConcurrentExecution(timeoutInSeconds: 10)]
    [JobDisplayName("Prune expired fields of Redis day indexes")]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // No slot Redis configured (SQL mode) or Redis down: nothing to prune now.
        if (services.GetService<RedisConnection>() is not { } connection || !status.RedisAvailable) return 0;
        var keys = new RedisSlotKeys(connection.Options.KeyPrefix);
        var database = connection.Database;
        var removed = 0;
        foreach (var endpoint in connection.Multiplexer.GetEndPoints())
        {
            var server = connection.Multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            foreach (var pattern in new[] { $"{keys.Prefix}_locks_*", $"{keys.Prefix}_active_*" })
            {
                await foreach (var key in server.KeysAsync(database.Database, pattern, pageSize: 500).WithCancellation(cancellationToken))
                    removed += (int)await database.ScriptEvaluateAsync(PruneExpiredFields, [key]);
            }
        }
        if (removed > 0) logger.LogInformation("Pruned {Count} expired fields from Redis day indexes", removed);
        return removed;
    }
}
