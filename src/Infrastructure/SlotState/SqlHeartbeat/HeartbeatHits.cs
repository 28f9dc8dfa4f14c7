using System.Collections.Concurrent;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// The SQL-mode heartbeat's rate-limit hits, counted in memory per instance and written to <c>rate_limit_counters</c> in
/// the batch of the next command this instance sends for the same day (decision 137). A heartbeat decides on the count
/// this instance knows: the last count read back from SQL (every instance's written hits) plus its own hits not yet
/// written, and never less than its own hits in the window. So a heartbeat that shares the day's read
/// (<see cref="SharedDayReads"/>) and writes no selection sends nothing to the database.
/// Staleness bound: a day is read, and its hits written, by the first heartbeat at least <see cref="SharedDayReads.ShareFor"/>
/// after the last read, so another instance's hits reach this one's count within about two share windows (its write, then
/// this instance's next read) plus a read's duration. Within one instance the count is exact. A counter this instance has
/// not read back yet (a visitor new to it, or any visitor in a new window) holds only this instance's hits until the
/// day's next read, at most one share window later (decision 145).
/// </summary>
internal sealed class HeartbeatHits
{
    /// <summary>Past this many days counted at once, days with no hit left to write and no open window are dropped.</summary>
    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId), Day> _days = new();

    /// <summary>
    /// Counts one hit; returns the window's count as this instance knows it, this hit included. Until the day's next
    /// read brings SQL's count for this bucket and window, that is this instance's own hits (decision 145).
    /// </summary>
    public long Hit(DateOnly date, int employeeId, string bucket, DateTime windowStart, DateTime windowEnd)
    {
        while (true)
        {
            var day = _days.GetOrAdd((date, employeeId), static _ => new Day());
            lock (day)
            {
                if (day.Dropped) continue; // pruned between lookup and lock: count in its replacement
                if (!day.Counters.TryGetValue((bucket, windowStart), out var counter))
                    day.Counters[(bucket, windowStart)] = counter = new Counter(windowEnd);
                counter.Unwritten++;
                counter.Own++;
                return counter.Count;
            }
        }
    }

    /// <summary>The window's count as this instance knows it (0 for a counter it never counted in).</summary>
    public long CountOf(DateOnly date, int employeeId, string bucket, DateTime windowStart)
    {
        if (!_days.TryGetValue((date, employeeId), out var day)) return 0;
        lock (day) return day.Counters.TryGetValue((bucket, windowStart), out var counter) ? counter.Count : 0;
    }

    /// <summary>
    /// The day's hits not yet written, handed to a batch that writes them; settle them with <see cref="Written"/> or
    /// <see cref="Failed"/>. Counters of ended windows with nothing left to write are dropped here.
    /// </summary>
    public IReadOnlyList<PendingHits> Take(DateOnly date, int employeeId, DateTime nowUtc)
    {
        if (_days.Count > PruneAbove) Prune(nowUtc);
        if (!_days.TryGetValue((date, employeeId), out var day)) return [];
        lock (day)
        {
            List<PendingHits> taken = [];
            foreach (var ((bucket, windowStart), counter) in day.Counters)
            {
                if (counter.Unwritten > 0)
                {
                    taken.Add(new PendingHits(bucket, windowStart, counter.WindowEnd, counter.Unwritten));
                    counter.InFlight += counter.Unwritten;
                    counter.Unwritten = 0;
                }
                else if (counter.Settled(nowUtc)) day.Counters.Remove((bucket, windowStart));
            }
            return taken;
        }
    }

    /// <summary>The hits are in SQL; <paramref name="counts"/> are the counts read back after them (every instance's).</summary>
    public void Written(DateOnly date, int employeeId, IReadOnlyList<PendingHits> taken, IReadOnlyDictionary<(string Bucket, DateTime WindowStart), long> counts) =>
        Settle(date, employeeId, taken, (counter, hits) =>
        {
            counter.InFlight -= hits.Count;
            if (!counts.TryGetValue((hits.Bucket, hits.WindowStart), out var count)) return;
            // A window's count only grows; a read racing another batch of this instance may come back lower.
            if (count > counter.Known) counter.Known = count;
        });

    /// <summary>The batch failed: its hits go back to be written by the next one.</summary>
    public void Failed(DateOnly date, int employeeId, IReadOnlyList<PendingHits> taken) =>
        Settle(date, employeeId, taken, (counter, hits) =>
        {
            counter.InFlight -= hits.Count;
            counter.Unwritten += hits.Count;
        });

    private void Settle(DateOnly date, int employeeId, IReadOnlyList<PendingHits> taken, Action<Counter, PendingHits> settle)
    {
        if (taken.Count == 0 || !_days.TryGetValue((date, employeeId), out var day)) return;
        lock (day)
            foreach (var hits in taken)
                if (day.Counters.TryGetValue((hits.Bucket, hits.WindowStart), out var counter))
                    settle(counter, hits);
    }

    private void Prune(DateTime nowUtc)
    {
        foreach (var (key, day) in _days)
            lock (day)
                if (day.Counters.Values.All(c => c.Settled(nowUtc)))
                {
                    day.Dropped = true;
                    _days.TryRemove(KeyValuePair.Create(key, day));
                }
    }

    private sealed class Day
    {
        public Dictionary<(string Bucket, DateTime WindowStart), Counter> Counters { get; } = [];
        public bool Dropped { get; set; }
    }

    private sealed class Counter(DateTime windowEnd)
    {
        public DateTime WindowEnd { get; } = windowEnd;
        public long Known { get; set; }
        public long InFlight { get; set; }
        public long Unwritten { get; set; }

        /// <summary>Every hit this instance counted in the window, written or not.</summary>
        public long Own { get; set; }

        /// <summary>
        /// Never above the true count: unwritten hits are not in SQL's count yet, and this instance's own hits are a part
        /// of it. Hits in flight may or may not be in <see cref="Known"/> (a batch of this instance may have committed
        /// before the read), so they are left out rather than counted twice: the count lags them only while their
        /// command runs, as concurrent Redis calls see each other's increments in whichever order they arrive.
        /// </summary>
        public long Count => Math.Max(Known + Unwritten, Own);

        public bool Settled(DateTime nowUtc) => nowUtc >= WindowEnd && Unwritten == 0 && InFlight == 0;
    }
}

/// <summary>Hits of one rate-limit bucket and window, counted by this instance and not yet written.</summary>
internal sealed record PendingHits(string Bucket, DateTime WindowStart, DateTime WindowEnd, long Count);
