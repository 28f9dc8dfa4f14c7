using System.Text.Json;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Auditing;

namespace AppointEase.Application.Admin.Common;

/// <summary>
/// Adds an audit row to the current unit of work, so it is saved in the same SaveChanges (and transaction) as the
/// change it describes: there is never a change without its audit row, nor an audit row for a change that failed.
/// </summary>
public sealed class AdminAuditLog(IAppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string UnknownKey = "unknown";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Record(string action, string entity, object entityId, object? before, object? after) =>
        db.Set<AdminAuditEntry>().Add(new AdminAuditEntry(
            clock.GetUtcNow().UtcDateTime,
            user.AdminKeyId ?? UnknownKey,
            action,
            entity,
            Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            before is null ? null : JsonSerializer.Serialize(before, before.GetType(), Json),
            after is null ? null : JsonSerializer.Serialize(after, after.GetType(), Json)));
}
