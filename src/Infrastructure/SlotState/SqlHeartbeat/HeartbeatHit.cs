using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.RateLimiting;

namespace AppointEase.Infrastructure.SlotState.SqlHeartbeat;

/// <summary>
/// One SQL-mode heartbeat's rate-limit hit: its client's bucket for the day (the same name the Redis heartbeat script
/// counts under) and the epoch-aligned window it falls in.
/// </summary>
internal sealed record HeartbeatHit(RateLimitRule Limit, DateOnly Date, int EmployeeId, string Bucket, DateTime NowUtc, DateTime WindowStart,
    DateTime WindowEnd)
{
    public static HeartbeatHit Of(RateLimitRule limit, DateOnly date, int employeeId, ClientId client, DateTime nowUtc)
    {
        var (start, end) = RateLimitBuckets.WindowAt(nowUtc, limit.Window);
        return new HeartbeatHit(limit, date, employeeId, RateLimitBuckets.Of(limit, SlotKey.DayKey(date, employeeId) + client.Value), nowUtc, start, end);
    }

    public RateLimitDecision Decide(long count) => RateLimitBuckets.Decide(Limit, count, NowUtc, WindowEnd);
}
