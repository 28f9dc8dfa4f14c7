using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;

namespace AppointEase.Infrastructure.Persistence;

/// <summary>
/// The last snapshot a cache loaded from SQL, served while the database cannot be reached: nobody can change settings
/// or the catalogue while it is down, so the Redis-backed heartbeat, select and lock keep answering during an outage
/// instead of failing on a 5-second cache refresh. After a failed refresh the next attempt waits
/// <see cref="RetryAfterFailure"/>, so a frozen database costs one request per interval a command timeout, not every one.
/// </summary>
internal sealed class LastGoodSnapshot<T> where T : class
{
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private volatile T? _value;

    public T Remember(T value) => _value = value;

    /// <summary>The last good value when <paramref name="failure"/> means the database is unreachable; null otherwise.</summary>
    public T? ServeInstead(Exception failure) =>
        FaultClassifier.Sql(failure) is DataFault.Unavailable or DataFault.Transient ? _value : null;
}
