using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Persistence;
using AppointEase.Infrastructure.SlotState;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace AppointEase.Infrastructure.Bookings;

internal sealed class PersistenceErrors(AppDbContext db) : IPersistenceErrors
{
    public bool IsUniqueViolation(Exception exception, string? keyHint = null)
    {
        if (!UniqueViolation.Is(exception)) return false;
        if (keyHint is null) return true;
        // MariaDB names the index (ix_appointments_reference), SQLite the column (appointments.reference).
        for (var e = exception; e is not null; e = e.InnerException)
            if (e.Message.Contains(keyHint, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public bool IsRetryableLockConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout }) return true;
        return false;
    }

    public bool IsConcurrencyConflict(Exception exception) => exception is DbUpdateConcurrencyException;

    public void DiscardTrackedChanges() => db.ChangeTracker.Clear();
}
