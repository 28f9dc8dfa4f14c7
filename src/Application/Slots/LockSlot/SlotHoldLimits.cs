namespace AppointEase.Application.Slots.LockSlot;

/// <summary>
/// How many live locks one client id, and one network (<see cref="Common.Interfaces.IRequestOrigin.NetworkKey"/>), may
/// hold at once (<c>Holds:PerClient</c>, <c>Holds:PerNetwork</c>, bound and validated in WebApi). The network cap is what
/// stops hoarding: a fresh client id per request resets the per-client cap, not the network's (decision 084).
/// </summary>
public sealed record SlotHoldLimits(int PerClient, int PerNetwork);
