using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Identity;

public sealed record ActiveSession(int Id, string Email, DateTime ExpiresUtc);

/// <summary>What GET /api/v1/auth/session shows the signed-in customer.</summary>
public sealed record SessionInfo(string Email, DateTimeOffset ExpiresAt);

/// <summary>
/// Resolves a bearer token to its live session, or null (unknown, tampered, expired or revoked — indistinguishable
/// to the caller). Looked up by SHA-256 of the token; an index lookup on a hash of 256 random bits leaks nothing useful
/// through timing, so no constant-time comparison is needed here.
/// </summary>
public sealed class SessionAuthenticator(IAppDbContext db, TimeProvider clock)
{
    public async Task<ActiveSession?> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.IsWellFormed(token)) return null;
        var hash = SessionTokens.Hash(token!);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<CustomerSession>().AsNoTracking()
            .Where(s => s.TokenHash == hash && s.RevokedUtc == null && s.ExpiresUtc > now)
            .Select(s => new ActiveSession(s.Id, s.Email, s.ExpiresUtc))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
