using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// One transaction per command. The provider's execution strategy re-runs the whole unit on a transient failure,
/// so the work delegate must be safe to repeat (handlers re-read what they need inside it).
/// </summary>
internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
            return work(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
