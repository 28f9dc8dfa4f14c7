using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Identity;
using AppointEase.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Infrastructure.Identity;

/// <summary>Codes are useless after expiry; kept a day longer only to make support questions answerable.</summary>
internal sealed class OtpChallengePurger(AppDbContext db) : IExpiredDataPurger
{
    private const int BatchSize = 1000;

    public string Name => "otp_challenges";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = nowUtc.AddDays(-1);
        var ids = await db.Set<OtpChallenge>().Where(c => c.ExpiresUtc < before).OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
        return ids.Count == 0 ? 0 : await db.Set<OtpChallenge>().Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Expired or revoked sessions are kept a week for the audit trail (who was signed in when), then deleted.</summary>
internal sealed class CustomerSessionPurger(AppDbContext db) : IExpiredDataPurger
{
    private const int BatchSize = 1000;

    public string Name => "customer_sessions";

    public async Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = nowUtc.AddDays(-7);
        var ids = await db.Set<CustomerSession>().Where(s => s.ExpiresUtc < before || s.RevokedUtc < before)
            .OrderBy(s => s.Id).Select(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
        return ids.Count == 0 ? 0 : await db.Set<CustomerSession>().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
