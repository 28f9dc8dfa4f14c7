using System.Data.Common;
using System.Runtime.CompilerServices;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Catalogue;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// Drops the cached <see cref="ScheduleSnapshot"/> when a save touched the catalogue, so the admin who changed hours
/// (and anyone served by this instance) sees the change on the next request, whichever handler made it. What changed
/// is only known before the save; the cache is dropped then, and again once the change is visible to other readers
/// (after the save, or after the commit when the save ran inside a transaction), so a reload in between cannot keep
/// the old rows. Once committed, the change is announced to the other instances (<see cref="ICatalogueChangeBroadcast"/>);
/// business settings and webhook endpoints count too, since those instances cache them for 5 s as well.
/// </summary>
internal sealed class CatalogueChangeInterceptor(IScheduleSnapshotProvider snapshots, ICatalogueChangeBroadcast broadcast)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<Type> CatalogueTypes =
        [typeof(Service), typeof(Employee), typeof(BusinessHours), typeof(EmployeeWorkingHours), typeof(Closure), typeof(EmployeeTimeOff),
         typeof(BusinessSettings), typeof(WebhookEndpoint)];

    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        BeforeSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        BeforeSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    private void BeforeSave(DbContext? context)
    {
        if (context is null || !TouchesCatalogue(context)) return;
        _pending.AddOrUpdate(context, this);
        snapshots.Invalidate();
    }

    private void AfterSave(DbContext? context)
    {
        if (context is null || context.Database.CurrentTransaction is not null) return;
        AfterCommit(context);
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is null || !_pending.Remove(context)) return;
        snapshots.Invalidate();
        broadcast.Announce();
    }

    private static bool TouchesCatalogue(DbContext context) =>
        context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (CatalogueTypes.Contains(e.Metadata.ClrType) || e.Metadata.HasSharedClrType));
}
