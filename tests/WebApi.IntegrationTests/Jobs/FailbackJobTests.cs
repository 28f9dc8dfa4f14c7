using AppointEase.Domain.Scheduling;
using AppointEase.Infrastructure.Jobs.Failback;
using AppointEase.Infrastructure.Redis;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

/// <summary>MariaDB + Redis with the slot health monitor quiet after start, so the job under test owns the sync.</summary>
public sealed class FailbackJobTests(QuietMonitorAppFactory app) : IClassFixture<QuietMonitorAppFactory>
{
    [Fact]
    public async Task FailbackSafetyNet_WithLiveSqlHoldsWhileServingFromRedis_MovesThemToRedisWithTokenAndTtl()
    {
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        var date = TestDates.Weekday(6);
        var now = DateTime.UtcNow;
        var rows = Enumerable.Range(0, 20).Select(i => new SlotLockRow
        {
            SlotDate = date, EmployeeId = 700_000 + i, SlotTime = new TimeOnly(9, 0),
            OwnerClientId = $"job-owner-{i:00}", Secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ExpiresUtc = now.AddMinutes(3), CreatedUtc = now.AddMinutes(-1),
        }).ToList();
        await app.WithDbAsync(async db =>
        {
            db.Set<SlotLockRow>().AddRange(rows);
            db.Set<SlotLockRow>().Add(new SlotLockRow
            {
                SlotDate = date, EmployeeId = 799_999, SlotTime = new TimeOnly(9, 0), OwnerClientId = "expired-owner",
                Secret = new string('b', 32), ExpiresUtc = now.AddMinutes(-1), CreatedUtc = now.AddMinutes(-11),
            });
            await db.SaveChangesAsync();
        });

        Application.Slots.SyncFailback.FailbackReport? report;
        await using (var scope = app.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<FailbackSafetyNetJob>().RunAsync(CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal(rows.Count, report.Copied);
        await app.WithDbAsync(async db => Assert.Equal(0, await db.Set<SlotLockRow>().CountAsync(l => l.SlotDate == date && l.ExpiresUtc > now)));
        var redis = app.Services.GetRequiredService<RedisSlotStateStore>();
        foreach (var row in rows)
        {
            var held = await redis.GetLockAsync(new SlotKey(row.SlotDate, row.EmployeeId, row.SlotTime), default);
            Assert.Equal((row.OwnerClientId, row.Secret), (held!.OwnerClientId, held.Secret));
            Assert.InRange(held.ExpiresUtc, now.AddMinutes(2), now.AddMinutes(3).AddSeconds(5));
        }
    }

    [Fact]
    public async Task FailbackSafetyNet_WithNoLiveSqlHolds_DoesNothing()
    {
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Null(await scope.ServiceProvider.GetRequiredService<FailbackSafetyNetJob>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DayIndexPrune_RemovesOnlyExpiredFields()
    {
        var connection = app.Services.GetRequiredService<RedisConnection>();
        var keys = new RedisSlotKeys(connection.Options.KeyPrefix);
        var date = TestDates.Weekday(7);
        var active = keys.Active(date, 42);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await connection.Database.HashSetAsync(active, [new("dead-visitor", $"10:00|{nowMs - 5_000}"), new("live-visitor", $"10:30|{nowMs + 60_000}")]);
        await connection.Database.KeyExpireAsync(active, TimeSpan.FromMinutes(2));

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<RedisDayIndexPruneJob>().RunAsync(CancellationToken.None) >= 1);

        Assert.Equal(["live-visitor"], (await connection.Database.HashKeysAsync(active)).Select(k => k.ToString()));
    }
}
