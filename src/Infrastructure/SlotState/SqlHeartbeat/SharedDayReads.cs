using System.Collections.Concurrent;
using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// Single-flight of the SQL-mode heartbeat's day read, per (date, employee) and instance (decision 128): the first
/// heartbeat reads the day in its batch, and every heartbeat of the same day and employee that arrives within
/// <see cref="ShareFor"/> of that read's start takes its answer (waiting for it if it is still running) instead of
/// reading again. Staleness bound: a heartbeat's day is at most <see cref="ShareFor"/> older than the heartbeat. This
/// instance's own slot writes drop the day's read at once (<see cref="Forget"/>); other instances' writes and bookings
/// are seen within the bound.
/// </summary>
public sealed class SharedDayReads(TimeProvider clock)
{
    /// <summary>A quarter of the default one-second heartbeat interval: well under what a visitor notices.</summary>
    public static readonly TimeSpan ShareFor = TimeSpan.FromMilliseconds(250);

    /// <summary>Past this many days watched at once, the reads too old to share are dropped (each is a few hundred bytes).</summary>
    private const int PruneAbove = 1024;

    private readonly ConcurrentDictionary<(DateOnly Date, int EmployeeId), Read> _reads = new();

    /// <summary>The day's read started less than <see cref="ShareFor"/> ago (possibly still running), or null.</summary>
    public Task<DaySlotState>? Join(DateOnly date, int employeeId) =>
        _reads.TryGetValue((date, employeeId), out var read) && clock.GetUtcNow() - read.StartedAt < ShareFor ? read.Day.Task : null;

    /// <summary>Announces the caller's read before it starts; complete it with <see cref="Read.Publish"/> or <see cref="Read.Fail"/>.</summary>
    public Read Begin(DateOnly date, int employeeId)
    {
        if (_reads.Count > PruneAbove) Prune();
        var read = new Read(this, (date, employeeId), clock.GetUtcNow());
        _reads[(date, employeeId)] = read;
        return read;
    }

    /// <summary>This instance changed the day's slot state: the next heartbeat reads it again.</summary>
    public void Forget(DateOnly date, int employeeId) => _reads.TryRemove((date, employeeId), out _);

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, read) in _reads)
            if (now - read.StartedAt >= ShareFor) _reads.TryRemove(KeyValuePair.Create(key, read));
    }

    public sealed class Read(SharedDayReads owner, (DateOnly Date, int EmployeeId) key, DateTimeOffset startedAt)
    {
        public DateTimeOffset StartedAt { get; } = startedAt;
        public TaskCompletionSource<DaySlotState> Day { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Publish(DaySlotState day) => Day.TrySetResult(day);

        /// <summary>Those waiting fail as this read did; the next heartbeat reads afresh.</summary>
        public void Fail(Exception exception)
        {
            owner._reads.TryRemove(KeyValuePair.Create(key, this));
            Day.TrySetException(exception);
            _ = Day.Task.Exception; // observed: nobody may have joined
        }
    }
}
