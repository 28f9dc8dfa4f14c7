using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>Expired SQL holds are dead weight (every query filters them out); the purge job removes them.</summary>
internal sealed class SlotHoldPurger(IServiceScopeFactory scopes) : IExpiredDataPurger
{
    public string Name => "slot-holds";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<SlotLockRow>().Where(l => l.ExpiresUtc <= nowUtc).ExecuteDeleteAsync(cancellationToken)
               + await db.Set<SlotSelectionRow>().Where(s => s.ExpiresUtc <= nowUtc).ExecuteDeleteAsync(cancellationToken);
    }
}
