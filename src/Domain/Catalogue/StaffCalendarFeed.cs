using AppointEase.Domain.Common;

namespace AppointEase.Domain.Catalogue;

/// <summary>
/// An employee's subscribable calendar: the secret token in its URL is the only credential, so only its SHA-256 hash is
/// stored. At most one live feed per employee; issuing a new one revokes the old.
/// </summary>
public sealed class StaffCalendarFeed : Entity
{
    private StaffCalendarFeed() { TokenHash = ""; }

    public StaffCalendarFeed(int employeeId, string tokenHash, DateTime createdUtc)
    {
        EmployeeId = employeeId;
        TokenHash = Guard.NotBlank(tokenHash, nameof(TokenHash), 64);
        CreatedUtc = createdUtc;
    }

    public int EmployeeId { get; private set; }
    public string TokenHash { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    public bool IsRevoked => RevokedUtc is not null;

    public void Revoke(DateTime nowUtc) => RevokedUtc ??= nowUtc;
}
