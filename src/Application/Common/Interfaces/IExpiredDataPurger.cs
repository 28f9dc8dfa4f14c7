namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// One kind of data with a lifetime (idempotency keys, OTP codes, sessions, expired holds). Each feature registers its own;
/// the purge job runs them all, so the job knows no feature's tables.
/// </summary>
public interface IExpiredDataPurger
{
    string Name { get; }

    /// <summary>Deletes what expired before <paramref name="nowUtc"/> in bounded batches; returns rows removed.</summary>
    Task<int> PurgeAsync(DateTime nowUtc, CancellationToken cancellationToken);
}
