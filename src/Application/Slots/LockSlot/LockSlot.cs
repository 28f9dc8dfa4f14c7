using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.LockSlot;

/// <summary>
/// The visitor starts checking out: the slot is held for the lock TTL, and only the returned token (used by the same
/// clientId) confirms or releases it. Locking again a slot one already holds returns the same token (safe retries).
/// </summary>
public sealed record LockSlotCommand(string? Date, int EmployeeId, string? Time, string? ClientId) : ICommand<Result<SlotLockDto>>;

public sealed class LockSlotHandler(SlotGuard guard, ISlotStateStore store, ISettingsProvider settings, IRequestOrigin origin,
    SlotHoldLimits holdLimits, AppointEaseMetrics metrics)
    : ICommandHandler<LockSlotCommand, Result<SlotLockDto>>
{
    public async ValueTask<Result<SlotLockDto>> Handle(LockSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await guard.HoldableAsync(command.Date!, command.EmployeeId, command.Time!, cancellationToken);
        if (!slot.IsSuccess) return slot.Error;
        var client = ClientId.Parse(command.ClientId!);
        var ttl = (await settings.GetAsync(cancellationToken)).LockTtl;
        var quota = new HoldQuota(origin.NetworkKey, holdLimits.PerClient, holdLimits.PerNetwork);
        var outcome = await store.LockAsync(slot.Value, client, ttl, quota, cancellationToken);
        if (outcome.QuotaRetryAfter is { } retryAfter)
            return TooManyHolds(retryAfter);
        if (outcome.Acquired)
        {
            metrics.Lock(LockOutcomeTag.Won);
            return new SlotLockDto(outcome.Token!.Value.ToString(), outcome.ExpiresUtc);
        }
        if (outcome.HeldBy is { } held && held.OwnerClientId == client.Value)
            return new SlotLockDto(new LockToken(held.Slot, held.Secret).ToString(), held.ExpiresUtc);
        metrics.Lock(LockOutcomeTag.Conflict);
        return new Error(ErrorKind.Conflict, "slot_locked", "Another visitor is booking this slot.", "time");
    }

    /// <summary>429 too_many_holds: the caller (or its network) already holds as many slots as allowed.</summary>
    private static Error TooManyHolds(TimeSpan retryAfter)
    {
        var limited = Error.RateLimited(retryAfter);
        return limited with
        {
            Code = "too_many_holds",
            Message = $"You are already holding as many slots as allowed. Finish or release a booking, or try again in {(int)limited.RetryAfter!.Value.TotalSeconds} seconds.",
        };
    }
}
