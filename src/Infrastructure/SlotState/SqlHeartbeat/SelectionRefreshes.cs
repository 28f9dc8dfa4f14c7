using System.Collections.Concurrent;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// Which SQL-mode heartbeats must write their selection (decision 128). A heartbeat repeats the visitor's selected time
/// every second, but the row only needs its time and an expiry that outlives the next heartbeat: an unchanged selection
/// this instance wrote less than <see cref="RewriteAfter"/> (a third of its TTL) ago is not written again. A changed
/// time is written at once. Staleness bound: a stored expiry is at most a third of the TTL older than the visitor's
/// last heartbeat, so a visitor who leaves is shown for between two thirds of the TTL and the TTL.
/// </summary>
public sealed class SelectionRefreshes
{
    private const int PruneAbove = 4096;

    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId, string Client), Written> _written = new();

    public static TimeSpan RewriteAfter(TimeSpan ttl) => ttl / 3;

    public SelectionWrite Decide(DateOnly date, int employeeId, string client, TimeOnly time, TimeSpan ttl, DateTime nowUtc)
    {
        if (!_written.TryGetValue((date, employeeId, client), out var last) || last.Time != time) return SelectionWrite.Changed;
        return nowUtc - last.AtUtc < RewriteAfter(ttl) ? SelectionWrite.None : SelectionWrite.Refresh;
    }

    /// <summary>The heartbeat that wrote it was within its limit (over the limit the guarded upsert writes nothing).</summary>
    public void Wrote(DateOnly date, int employeeId, string client, TimeOnly time, TimeSpan ttl, DateTime nowUtc)
    {
        if (_written.Count > PruneAbove)
            foreach (var (key, written) in _written)
                if (nowUtc - written.AtUtc >= ttl) _written.TryRemove(KeyValuePair.Create(key, written));
        _written[(date, employeeId, client)] = new Written(time, nowUtc);
    }

    /// <summary>The client's selection was changed by another path (select, deselect, lock): write it on the next heartbeat.</summary>
    public void Forget(DateOnly date, int employeeId, string client) => _written.TryRemove((date, employeeId, client), out _);

    private sealed record Written(TimeOnly Time, DateTime AtUtc);
}

public enum SelectionWrite
{
    /// <summary>Written by this instance moments ago with the same time.</summary>
    None,
    /// <summary>Same time, but its expiry needs pushing out.</summary>
    Refresh,
    /// <summary>A new or moved selection: written, and the batch reads the day after it.</summary>
    Changed,
}
