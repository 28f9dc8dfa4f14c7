using AppointEase.Domain.Common;

namespace AppointEase.Domain.Identity;

/// <summary>
/// A signed-in customer. The bearer token itself is never stored: only its SHA-256, so a database leak cannot be
/// replayed as sessions. 256 random bits make a keyless hash sufficient (no guessing, no rainbow tables).
/// </summary>
public sealed class CustomerSession : Entity
{
    public const int TokenHashHexLength = 64;

    private CustomerSession()
    {
        TokenHash = Email = "";
    }

    public CustomerSession(string tokenHash, EmailAddress email, DateTime createdUtc, DateTime expiresUtc)
    {
        if (tokenHash.Length != TokenHashHexLength) throw new DomainException("A session token hash is 64 hex characters (SHA-256).");
        if (expiresUtc <= createdUtc) throw new DomainException("A session must expire after it is created.");
        TokenHash = tokenHash;
        Email = email.Value;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public string TokenHash { get; private set; }
    public string Email { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    public bool IsActive(DateTime nowUtc) => RevokedUtc is null && nowUtc < ExpiresUtc;
}
