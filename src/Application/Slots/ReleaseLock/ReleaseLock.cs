using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Telemetry;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.ReleaseLock;

/// <summary>
/// Releases a lock by its token. Someone else's token, an unknown or expired one, or the right token with the wrong
/// clientId are all the same 404: a caller learns nothing about locks it does not own.
/// </summary>
public sealed record ReleaseLockCommand(string? LockToken, string? ClientId) : ICommand<Result<Done>>;

public sealed class ReleaseLockHandler(ISlotStateStore store, AppointEaseMetrics metrics) : ICommandHandler<ReleaseLockCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(ReleaseLockCommand command, CancellationToken cancellationToken)
    {
        if (LockToken.TryParse(command.LockToken, out var token)
            && await store.ReleaseLockAsync(token, ClientId.Parse(command.ClientId!), cancellationToken))
        {
            metrics.Lock(LockOutcomeTag.Released);
            return new Done();
        }
        return new Error(ErrorKind.NotFound, "lock_not_found", "No live lock with this token belongs to this clientId.", "lockToken");
    }
}
