using AppointEase.Application.Slots.SyncFailback;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.SlotState;
using AppointEase.Infrastructure.SlotState.Redis;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Slots;

/// <summary>The failback sync on MariaDB + Redis, at the volume the issue names (10,000 holds); counts, not timing.</summary>
public sealed class FailbackSyncTests(QuietMonitorAppFactory app) : IClassFixture<QuietMonitorAppFactory>
{
    private const int Locks = 10_000;
    private const int Selections = 100;

    [Fact]
    public async Task SyncFailback_WithTenThousandSqlHolds_CopiesThemToRedis_SettlesConflicts_AndEmptiesSql()
    {
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        var redis = app.Services.GetRequiredService<RedisSlotStateStore>();
        var date = TestDates.Weekday(4);
        var now = DateTime.UtcNow;
        var rows = Enumerable.Range(0, Locks).Select(i => new SlotLockRow
        {
            SlotDate = date, EmployeeId = 500_000 + i / 48, SlotTime = new TimeOnly(0, 0).AddMinutes(30 * (i % 48)),
            OwnerClientId = $"sql-owner-{i:00000}", Secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ExpiresUtc = now.AddMinutes(2), CreatedUtc = now.AddMinutes(-1),
        }).ToList();
        // Slot of row 0: Redis holds a later lock, so the SQL one (earlier) must replace it.
        // Slot of row 1: Redis holds an earlier lock than SQL's, so Redis keeps it and the SQL hold is dropped.
        var laterInRedis = await redis.LockAsync(Key(rows[0]), ClientId.Parse("redis-owner-later"), TimeSpan.FromMinutes(2), default);
        var earlierInRedis = await redis.LockAsync(Key(rows[1]), ClientId.Parse("redis-owner-earlier"), TimeSpan.FromMinutes(2), default);
        rows[1].CreatedUtc = now.AddMinutes(1);
        await app.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<SlotLockRow>().AddRange(rows);
            db.Set<SlotSelectionRow>().AddRange(Enumerable.Range(0, Selections).Select(i => new SlotSelectionRow
            {
                SlotDate = date, EmployeeId = 600_000 + i, SlotTime = new TimeOnly(10, 0), ClientId = $"sql-visitor-{i:000}",
                ExpiresUtc = now.AddMinutes(2), CreatedUtc = now,
            }));
            await db.SaveChangesAsync();
        });

        FailbackReport report;
        await using (var scope = app.Services.CreateAsyncScope())
            report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SyncFailbackCommand());

        Assert.Equal(Locks - 1 + Selections, report.Copied);
        Assert.Equal(2, report.Conflicts);
        Assert.Equal(Locks + Selections, report.Deleted);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Set<SlotLockRow>().CountAsync());
            Assert.Equal(0, await db.Set<SlotSelectionRow>().CountAsync());
        });
        Assert.Equal(rows[0].OwnerClientId, (await redis.GetLockAsync(Key(rows[0]), default))!.OwnerClientId);
        Assert.Equal("redis-owner-earlier", (await redis.GetLockAsync(Key(rows[1]), default))!.OwnerClientId);
        Assert.True(laterInRedis.Acquired && earlierInRedis.Acquired);

        // A copied hold keeps its token (the SQL secret works against Redis) and its remaining TTL, not a fresh one.
        var copied = rows[Locks - 1];
        var inRedis = await redis.GetLockAsync(Key(copied), default);
        Assert.Equal(copied.Secret, inRedis!.Secret);
        Assert.InRange(inRedis.ExpiresUtc, now.AddMinutes(1), now.AddMinutes(2).AddSeconds(5));
        Assert.True(await redis.ReleaseLockAsync(new LockToken(Key(copied), copied.Secret), ClientId.Parse(copied.OwnerClientId), default));
        var day = await redis.GetDayStateAsync(date, 600_000, default);
        Assert.Equal("sql-visitor-000", Assert.Single(day.Selections).ClientId);
    }

    [Fact]
    public async Task SyncFailback_WithNothingInSql_ReportsZeros()
    {
        await app.Services.GetRequiredService<RedisHealthMonitor>().FirstCheckCompleted;
        await using var scope = app.Services.CreateAsyncScope();

        var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SyncFailbackCommand());

        Assert.Equal((0, 0), (report.Copied, report.Conflicts));
    }

    private static SlotKey Key(SlotLockRow row) => new(row.SlotDate, row.EmployeeId, row.SlotTime);
}
