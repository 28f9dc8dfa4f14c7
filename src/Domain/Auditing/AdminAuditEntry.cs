namespace AppointEase.Domain.Auditing;

/// <summary>
/// One admin change: who (which configured key id, never the key), what, when, and the state before and after as JSON.
/// Append-only; nothing in the product updates or deletes these rows.
/// </summary>
public sealed class AdminAuditEntry
{
    public const int MaxKeyIdLength = 64;
    public const int MaxActionLength = 64;
    public const int MaxEntityLength = 64;
    public const int MaxEntityIdLength = 64;

    private AdminAuditEntry() { KeyId = Action = Entity = EntityId = ""; }

    public AdminAuditEntry(DateTime atUtc, string keyId, string action, string entity, string entityId, string? beforeJson, string? afterJson)
    {
        AtUtc = atUtc;
        KeyId = keyId;
        Action = action;
        Entity = entity;
        EntityId = entityId;
        BeforeJson = beforeJson;
        AfterJson = afterJson;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string KeyId { get; private set; }
    public string Action { get; private set; }
    public string Entity { get; private set; }
    public string EntityId { get; private set; }
    public string? BeforeJson { get; private set; }
    public string? AfterJson { get; private set; }
}
