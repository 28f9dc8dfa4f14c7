using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Identity;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Identity.EndSession;

/// <summary>Logs out: the session is revoked (kept for the audit trail until purged), its token stops working at once.</summary>
public sealed record EndSessionCommand(int SessionId) : ICommand<Result<Done>>, ITransactionalCommand;

public sealed class EndSessionHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<EndSessionCommand, Result<Done>>
{
    public async ValueTask<Result<Done>> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<CustomerSession>().Where(s => s.Id == command.SessionId && s.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedUtc, now), cancellationToken);
        return new Done();
    }
}
