using AppointEase.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Common;

internal static class SaveChanges
{
    /// <summary>
    /// Saves the change and its audit row in one SaveChanges (atomic). False when the row's version moved between
    /// our read and our write: another admin won the race, which the caller reports as 412 like a stale If-Match.
    /// </summary>
    public static async Task<bool> TrySaveAsync(IAppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
