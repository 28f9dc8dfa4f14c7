namespace AppointEase.Application.Common.Interfaces;

/// <summary>
/// Decides whether a request's fault is written at Error. A database outage fails every request that needs the
/// database until it is back: one Error with its exception per outage window, saying how many failures like it were
/// not logged, tells an operator what hundreds of identical stack traces would, without burying the next real fault.
/// Faults that are not outages (a bug, bad SQL) are always logged.
/// </summary>
public interface IFaultLogGate
{
    FaultLogDecision Admit(Exception exception);
}

/// <param name="Log">Write this one at Error; otherwise Debug.</param>
/// <param name="Fault">The classification (<see cref="DataFault.Other"/>: not a data-store outage).</param>
/// <param name="NotLoggedBefore">Failures of the same kind admitted at Debug since the previous Error of that kind.</param>
public readonly record struct FaultLogDecision(bool Log, DataFault Fault, int NotLoggedBefore)
{
    public static FaultLogDecision Always => new(true, DataFault.Other, 0);
}
