using AppointEase.Infrastructure.Redis;
using StackExchange.Redis;

namespace AppointEase.Infrastructure.SlotState.Redis;

/// <summary>
/// Drops every cached day of availability. Bookings made while Redis was down could not drop their day's cache, so
/// after an outage the cache may still show a slot as free that SQL has booked; recovery clears it all rather than
/// serve that stale slot for up to the cache's five minutes. SCAN is fine here: this runs on recovery, never per request.
/// </summary>
public static class AvailabilityCacheReset
{
    private const int PageSize = 500;

    public static async Task<int> DropAllAsync(RedisConnection connection, CancellationToken cancellationToken)
    {
        var pattern = connection.Options.KeyPrefix + "_avail_*";
        var dropped = 0;
        foreach (var endpoint in connection.Multiplexer.GetEndPoints())
        {
            var server = connection.Multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica) continue;
            var page = new List<RedisKey>(PageSize);
            await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: PageSize).WithCancellation(cancellationToken))
            {
                page.Add(key);
                if (page.Count == PageSize) dropped += await DeleteAsync(connection.Database, page);
            }
            dropped += await DeleteAsync(connection.Database, page);
        }
        return dropped;
    }

    // One DEL per key: keys of different days live in different cluster slots, so they cannot share a command.
    private static async Task<int> DeleteAsync(IDatabase database, List<RedisKey> keys)
    {
        if (keys.Count == 0) return 0;
        var deleted = await Task.WhenAll(keys.Select(k => database.KeyDeleteAsync(k)));
        keys.Clear();
        return deleted.Count(d => d);
    }
}
