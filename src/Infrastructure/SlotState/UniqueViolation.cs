using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>Recognises a unique-key violation on either provider (MySqlException 1062, SqliteException 19/2067).</summary>
public static class UniqueViolation
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e.GetType().Name)
            {
                case "MySqlException" when e.Message.Contains("Duplicate entry", StringComparison.OrdinalIgnoreCase):
                    return true;
                case "SqliteException" when e.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
            if (e is DbUpdateException && e.InnerException is null) return false;
        }
        return false;
    }
}
