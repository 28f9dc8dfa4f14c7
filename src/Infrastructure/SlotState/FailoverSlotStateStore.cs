using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using AppointEase.Domain.Slots;
using AppointEase.Infrastructure.SlotState.Redis;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>
/// Serves from Redis while it answers; the first Redis call that fails (connection error or timeout) switches the
/// instance to SQL and is completed on SQL, so the client never sees the outage. Only the health monitor switches back.
/// </summary>
public sealed class FailoverSlotStateStore(RedisSlotStateStore redis, SqlSlotStateStore sql, SlotStoreState state) : ISlotStateStore
{
    public ValueTask<SelectOutcome> SelectAsync(SlotKey slot, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        RunAsync(s => s.SelectAsync(slot, client, ttl, cancellationToken));

    public ValueTask DeselectAsync(SlotKey slot, ClientId client, CancellationToken cancellationToken) =>
        RunAsync(async s => { await s.DeselectAsync(slot, client, cancellationToken); return true; }).AsVoid();

    public ValueTask<LockOutcome> LockAsync(SlotKey slot, ClientId client, TimeSpan ttl, HoldQuota? quota, CancellationToken cancellationToken) =>
        RunAsync(s => s.LockAsync(slot, client, ttl, quota, cancellationToken));

    public ValueTask<bool> ReleaseLockAsync(LockToken token, ClientId client, CancellationToken cancellationToken) =>
        RunAsync(s => s.ReleaseLockAsync(token, client, cancellationToken));

    public ValueTask<DateTime?> RefreshLockAsync(LockToken token, ClientId client, TimeSpan ttl, CancellationToken cancellationToken) =>
        RunAsync(s => s.RefreshLockAsync(token, client, ttl, cancellationToken));

    public ValueTask ClearLockAsync(SlotKey slot, CancellationToken cancellationToken) =>
        RunAsync(async s => { await s.ClearLockAsync(slot, cancellationToken); return true; }).AsVoid();

    public ValueTask<SlotLockState?> GetLockAsync(SlotKey slot, CancellationToken cancellationToken) =>
        RunAsync(s => s.GetLockAsync(slot, cancellationToken));

    public ValueTask<DaySlotState> GetDayStateAsync(DateOnly date, int employeeId, CancellationToken cancellationToken) =>
        RunAsync(s => s.GetDayStateAsync(date, employeeId, cancellationToken));

    /// <summary>A heartbeat that fails over mid-call is counted (again) by the SQL store, so the limit never lapses.</summary>
    public ValueTask<HeartbeatOutcome> HeartbeatAsync(DateOnly date, int employeeId, ClientId client, TimeOnly? selectedTime, TimeSpan selectionTtl,
        RateLimitRule limit, CancellationToken cancellationToken) =>
        RunAsync(s => s.HeartbeatAsync(date, employeeId, client, selectedTime, selectionTtl, limit, cancellationToken));

    private async ValueTask<T> RunAsync<T>(Func<ISlotStateStore, ValueTask<T>> operation)
    {
        if (state.Mode == StorageMode.Redis)
        {
            try
            {
                return await operation(redis);
            }
            catch (Exception ex) when (redis.IsOutage(ex)) // outages only: a script error is a bug and must surface
            {
                state.MarkRedisDown(ex);
            }
        }
        return await operation(sql);
    }
}

internal static class ValueTaskExtensions
{
    public static async ValueTask AsVoid<T>(this ValueTask<T> task) => await task;
}
