using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState.Redis;
using Microsoft.Extensions.DependencyInjection;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using StackExchange.Redis;

namespace AppointEase.WebApi.IntegrationTests.Slots;

public sealed class AvailabilityCacheResetTests(SqliteRedisAppFactory app) : IClassFixture<SqliteRedisAppFactory>
{
    [Fact]
    public async Task DropAll_RemovesEveryCachedDayOfThisPrefix_AndNothingElse()
    {
        // The app's own start-up check runs this same reset when it finds Redis; let it finish first, or it may drop
        // one of the keys below before the call under test does.
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        var connection = app.Services.GetRequiredService<RedisConnection>();
        var db = connection.Database;
        var prefix = connection.Options.KeyPrefix;
        RedisKey[] cached = [$"{prefix}_avail_{{2026-12-01:1}}", $"{prefix}_avail_{{2026-12-02:3}}"];
        RedisKey lockKey = $"{prefix}_lock_{{2026-12-01:1}}_10:00";
        RedisKey otherPrefix = $"x{prefix}_avail_{{2026-12-01:1}}";
        foreach (var key in cached.Append(lockKey).Append(otherPrefix))
            await db.StringSetAsync(key, "v", TimeSpan.FromMinutes(1));

        var dropped = await AvailabilityCacheReset.DropAllAsync(connection, CancellationToken.None);

        Assert.Equal(2, dropped);
        foreach (var key in cached)
            Assert.False(await db.KeyExistsAsync(key));
        Assert.True(await db.KeyExistsAsync(lockKey));
        Assert.True(await db.KeyExistsAsync(otherPrefix));
        await db.KeyDeleteAsync([lockKey, otherPrefix]);
    }
}
