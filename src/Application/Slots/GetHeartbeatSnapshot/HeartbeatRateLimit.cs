using AppointEase.Application.Common.Interfaces;

namespace AppointEase.Application.Slots.GetHeartbeatSnapshot;

/// <summary>
/// The per-client heartbeat limit as configured (<c>RateLimits:HeartbeatPerClient</c>, bound and validated in WebApi),
/// handed to the slot store so the count happens inside the heartbeat's own Redis call instead of a second one
/// (decision 025).
/// </summary>
public sealed record HeartbeatRateLimit(RateLimitRule Rule);
