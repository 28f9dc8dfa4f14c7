using System.Collections.Concurrent;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// The SQL-mode heartbeat's rate-limit hits, counted in memory per instance and written to <c>rate_limit_counters</c> by
/// the day's next read (decision 137) once a counter's unwritten hits reach <see cref="WriteEvery"/> of its limit, or
/// its window has ended (decision 158). Every read brings back SQL's count of each of the day's live counters this
/// instance holds, written or not. A heartbeat decides on the count this instance knows: the last count read back from
/// SQL (every instance's written hits) plus its own hits not yet written, and never less than its own hits in the
/// window. So a heartbeat that shares the day's read (<see cref="SharedDayReads"/>) and writes no selection sends
/// nothing to the database.
/// Staleness bound: within one instance the count is exact. Another instance's hits reach this one's count once that
/// one has written them — at most <see cref="WriteEvery"/> − 1 of them unwritten, the rest by its next read — and this
/// one has read after that: about two share windows (<see cref="SharedDayReads.ShareFor"/>) plus a read's duration. A
/// counter new to this instance holds only its own hits until the day's next read (decision 145).
/// </summary>
internal sealed class HeartbeatHits
{
    /// <summary>Past this many days counted at once, days whose windows have all ended are dropped.</summary>
    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId), Day> _days = new();

    /// <summary>
    /// Unwritten hits at which a counter is written by the day's next read: a twentieth of its limit (at least one hit).
    /// Below it a read only reads the counter's count back: writing every visitor's counter with every read (four times
    /// a second per watched day) was most of MariaDB's work at 1,000 clients (decision 158).
    /// </summary>
    public static long WriteEvery(int permitLimit) => Math.Max(1, permitLimit / 20);

    /// <summary>
    /// Counts one hit; returns the window's count as this instance knows it, this hit included. Until the day's next
    /// read brings SQL's count for this bucket and window, that is this instance's own hits (decision 145).
    /// </summary>
    public long Hit(DateOnly date, int employeeId, string bucket, DateTime windowStart, DateTime windowEnd, int permitLimit)
    {
        while (true)
        {
            var day = _days.GetOrAdd((date, employeeId), static _ => new Day());
            lock (day)
            {
                if (day.Dropped) continue; // pruned between lookup and lock: count in its replacement
                if (!day.Counters.TryGetValue((bucket, windowStart), out var counter))
                    day.Counters[(bucket, windowStart)] = counter = new Counter(windowEnd, WriteEvery(permitLimit));
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
    /// What the day's next command writes and reads back: the counters due to be written with their unwritten hits,
    /// first and ordered by key (two commands racing on the same rows then lock them in the same order), then the other
    /// live ones with no hits, whose counts are only read back. Settle them with <see cref="Written"/> or
    /// <see cref="Failed"/>. Counters of ended windows with nothing left to write are dropped here.
    /// </summary>
    public IReadOnlyList<CounterSync> Take(DateOnly date, int employeeId, DateTime nowUtc)
    {
        if (_days.Count > PruneAbove) Prune(nowUtc);
        if (!_days.TryGetValue((date, employeeId), out var day)) return [];
        lock (day)
        {
            List<CounterSync> written = [];
            List<CounterSync> readOnly = [];
            foreach (var ((bucket, windowStart), counter) in day.Counters)
            {
                var ended = nowUtc >= counter.WindowEnd;
                if (counter.Unwritten >= counter.WriteEvery || (ended && counter.Unwritten > 0))
                {
                    written.Add(new CounterSync(bucket, windowStart, counter.WindowEnd, counter.Unwritten));
                    counter.InFlight += counter.Unwritten;
                    counter.Unwritten = 0;
                }
                else if (!ended) readOnly.Add(new CounterSync(bucket, windowStart, counter.WindowEnd, 0));
                else if (counter.Droppable(nowUtc)) day.Counters.Remove((bucket, windowStart));
            }
            written.Sort(static (a, b) => string.CompareOrdinal(a.Bucket, b.Bucket) is var byBucket and not 0
                ? byBucket
                : a.WindowStart.CompareTo(b.WindowStart));
            written.AddRange(readOnly);
            return written;
        }
    }

    /// <summary>The hits are in SQL; <paramref name="counts"/> are the counts read back after them (every instance's).</summary>
    public void Written(DateOnly date, int employeeId, IReadOnlyList<CounterSync> taken, IReadOnlyDictionary<(string Bucket, DateTime WindowStart), long> counts) =>
        Settle(date, employeeId, taken, (counter, sync) =>
        {
            counter.InFlight -= sync.Hits;
            if (!counts.TryGetValue((sync.Bucket, sync.WindowStart), out var count)) return;
            // A window's count only grows; a read racing another batch of this instance may come back lower.
            if (count > counter.Known) counter.Known = count;
        });

    /// <summary>The batch failed: its hits go back to be written by the next one.</summary>
    public void Failed(DateOnly date, int employeeId, IReadOnlyList<CounterSync> taken) =>
        Settle(date, employeeId, taken, (counter, sync) =>
        {
            counter.InFlight -= sync.Hits;
            counter.Unwritten += sync.Hits;
        });

    private void Settle(DateOnly date, int employeeId, IReadOnlyList<CounterSync> taken, Action<Counter, CounterSync> settle)
    {
        if (taken.Count == 0 || !_days.TryGetValue((date, employeeId), out var day)) return;
        lock (day)
            foreach (var sync in taken)
                if (day.Counters.TryGetValue((sync.Bucket, sync.WindowStart), out var counter))
                    settle(counter, sync);
    }

    /// <summary>
    /// Drops the days whose windows have all ended and have no command running: hits of an ended window can no longer
    /// decide anything, and a day nobody watches any more has no read left to write them with.
    /// </summary>
    private void Prune(DateTime nowUtc)
    {
        foreach (var (key, day) in _days)
            lock (day)
                if (day.Counters.Values.All(c => c.Droppable(nowUtc)))
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

    private sealed class Counter(DateTime windowEnd, long writeEvery)
    {
        public DateTime WindowEnd { get; } = windowEnd;
        public long WriteEvery { get; } = writeEvery;
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

        /// <summary>
        /// Its window has ended and no command is writing its hits: it can decide nothing any more. Hits still unwritten
        /// are written by the day's next read (<see cref="Take"/>) if the day is read before it is pruned.
        /// </summary>
        public bool Droppable(DateTime nowUtc) => nowUtc >= WindowEnd && InFlight == 0;
    }
}

/// <summary>
/// One counter in a heartbeat's command: <see cref="Hits"/> counted by this instance and not yet written, or 0 when the
/// command only reads its count back.
/// </summary>
internal sealed record CounterSync(string Bucket, DateTime WindowStart, DateTime WindowEnd, long Hits);
