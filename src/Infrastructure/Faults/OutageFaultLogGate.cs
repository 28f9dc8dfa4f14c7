using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Infrastructure.Faults;

/// <summary>
/// One Error per <see cref="Window"/> for each kind of database outage (<see cref="DataFault.Unavailable"/>,
/// <see cref="DataFault.Transient"/>, <see cref="DataFault.Deadlock"/> left after the unit of work's retries); the
/// failures in between go to Debug and are counted into the next Error. Classified by <see cref="FaultClassifier"/>
/// (type and error code). Per instance and lock-free: a burst of requests failing at once admits exactly one.
/// </summary>
internal sealed class OutageFaultLogGate(TimeProvider time) : IFaultLogGate
{
    /// <summary>Long enough to cover a typical restart, short enough that a lasting outage keeps showing in the log.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private readonly Slot[] _slots = [new(), new(), new(), new(), new()];

    public FaultLogDecision Admit(Exception exception)
    {
        var fault = FaultClassifier.Sql(exception);
        if (fault is not (DataFault.Unavailable or DataFault.Transient or DataFault.Deadlock)) return FaultLogDecision.Always;
        var slot = _slots[(int)fault];
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref slot.LastLoggedTimestamp);
        if (last != 0 && time.GetElapsedTime(last, now) < Window)
        {
            Interlocked.Increment(ref slot.NotLogged);
            return new FaultLogDecision(false, fault, 0);
        }
        // Only the request that moves the timestamp logs; the others of the same instant count as not logged.
        if (Interlocked.CompareExchange(ref slot.LastLoggedTimestamp, now, last) != last)
        {
            Interlocked.Increment(ref slot.NotLogged);
            return new FaultLogDecision(false, fault, 0);
        }
        return new FaultLogDecision(true, fault, Interlocked.Exchange(ref slot.NotLogged, 0));
    }

    private sealed class Slot
    {
        public long LastLoggedTimestamp;
        public int NotLogged;
    }
}
