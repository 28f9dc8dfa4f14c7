namespace AppointEase.Infrastructure.SlotState;

/// <summary>A lock held in SQL (fallback mode). The unique (date, employee, time) key makes a second row impossible.</summary>
public sealed class SlotLockRow
{
    public long Id { get; set; }
    public DateOnly SlotDate { get; set; }
    public int EmployeeId { get; set; }
    public TimeOnly SlotTime { get; set; }
    public string OwnerClientId { get; set; } = "";
    public string Secret { get; set; } = "";
    public DateTime ExpiresUtc { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>The taker's network key (hashed, decision 084), counted by the live-hold quota; null when taken without one.</summary>
    public string? HolderNetwork { get; set; }
}

/// <summary>A visitor looking at a slot (fallback mode). Unique per (date, employee, client): one selection per visitor.</summary>
public sealed class SlotSelectionRow
{
    public long Id { get; set; }
    public DateOnly SlotDate { get; set; }
    public int EmployeeId { get; set; }
    public TimeOnly SlotTime { get; set; }
    public string ClientId { get; set; } = "";
    public DateTime ExpiresUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
}
