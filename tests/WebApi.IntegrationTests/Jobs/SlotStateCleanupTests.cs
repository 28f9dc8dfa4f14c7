using AppointEase.Infrastructure.Jobs.Cleanup;
using AppointEase.Infrastructure.SlotState;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.WebApi.IntegrationTests.Jobs;

public abstract class SlotStateCleanupTests(AppFactory app)
{
    [Fact]
    public async Task Cleanup_InSeveralBatches_RemovesOnlyExpiredLocksAndSelections()
    {
        var now = DateTime.UtcNow;
        var date = TestDates.Weekday(3);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 25; i++)
            {
                db.Set<SlotLockRow>().Add(Lock(date, i, now.AddSeconds(-1 - i), "expired"));
                db.Set<SlotSelectionRow>().Add(Selection(date, i, now.AddSeconds(-1 - i), $"expired-{i}"));
            }
            db.Set<SlotLockRow>().Add(Lock(date, 40, now.AddMinutes(5), "live"));
            db.Set<SlotSelectionRow>().Add(Selection(date, 40, now.AddSeconds(30), "live"));
            await db.SaveChangesAsync();
        });

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpiredSlotStateCleanupJob>().RunAsync(CancellationToken.None);

        await app.WithDbAsync(async db =>
        {
            var locks = await db.Set<SlotLockRow>().Where(l => l.SlotDate == date).Select(l => l.OwnerClientId).ToListAsync();
            var selections = await db.Set<SlotSelectionRow>().Where(s => s.SlotDate == date).Select(s => s.ClientId).ToListAsync();
            Assert.Equal(["live"], locks);
            Assert.Equal(["live"], selections);
        });
    }

    [Fact]
    public async Task Cleanup_LockExpiringAfterTheCutoff_IsNeverRemoved()
    {
        var date = TestDates.Weekday(4);
        // A cutoff in the future, so the app's own every-minute cleanup (real clock) cannot touch these rows.
        var cutoff = DateTime.UtcNow.AddHours(1);
        await app.WithDbAsync(async db =>
        {
            db.Set<SlotLockRow>().Add(Lock(date, 1, cutoff.AddMilliseconds(1), "just-live"));
            db.Set<SlotLockRow>().Add(Lock(date, 2, cutoff, "just-expired"));
            await db.SaveChangesAsync();
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<ExpiredSlotStatePurger>().PurgeAsync(cutoff, CancellationToken.None);
            Assert.True(removed >= 1);
        }

        await app.WithDbAsync(async db =>
            Assert.Equal(["just-live"], await db.Set<SlotLockRow>().Where(l => l.SlotDate == date).Select(l => l.OwnerClientId).ToListAsync()));
    }

    private static SlotLockRow Lock(DateOnly date, int slot, DateTime expiresUtc, string owner) => new()
    {
        SlotDate = date,
        EmployeeId = 1,
        SlotTime = new TimeOnly(8, 0).AddMinutes(slot * 15),
        OwnerClientId = owner,
        Secret = new string('a', 32),
        ExpiresUtc = expiresUtc,
        CreatedUtc = expiresUtc.AddMinutes(-10),
    };

    private static SlotSelectionRow Selection(DateOnly date, int slot, DateTime expiresUtc, string client) => new()
    {
        SlotDate = date,
        EmployeeId = 1,
        SlotTime = new TimeOnly(8, 0).AddMinutes(slot * 15),
        ClientId = client,
        ExpiresUtc = expiresUtc,
        CreatedUtc = expiresUtc.AddSeconds(-10),
    };
}

/// <summary>Batch size 10 so 25 expired rows take three delete rounds.</summary>
public sealed class SmallBatchSqliteAppFactory : AppFactory
{
    public SmallBatchSqliteAppFactory() : base(DatabaseKind.Sqlite) => With("Jobs:DeleteBatchSize", "10");
}

public sealed class SmallBatchMariaDbAppFactory : AppFactory
{
    public SmallBatchMariaDbAppFactory() : base(DatabaseKind.MariaDb) => With("Jobs:DeleteBatchSize", "10");
}

public sealed class SlotStateCleanupTestsOnSqlite(SmallBatchSqliteAppFactory f) : SlotStateCleanupTests(f), IClassFixture<SmallBatchSqliteAppFactory>;

public sealed class SlotStateCleanupTestsOnMariaDb(SmallBatchMariaDbAppFactory f) : SlotStateCleanupTests(f), IClassFixture<SmallBatchMariaDbAppFactory>;
