namespace AppointEase.Application.Common.Interfaces;

/// <summary>Who is calling: a signed-in customer (by email), an admin (by key id), or nobody.</summary>
public interface ICurrentUser
{
    /// <summary>The normalised email of a customer with a valid session, else null.</summary>
    string? CustomerEmail { get; }

    bool IsAdmin { get; }

    /// <summary>Which configured admin key was used (never the key itself), for the audit trail.</summary>
    string? AdminKeyId { get; }
}
