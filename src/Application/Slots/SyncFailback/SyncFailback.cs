using AppointEase.Application.Common.Interfaces;
using Mediator;

namespace AppointEase.Application.Slots.SyncFailback;

/// <summary>
/// Copies holds taken in SQL during a Redis outage into Redis and deletes them from SQL. The health monitor runs it on
/// recovery; the job runner schedules it too, for instances that recovered while another was still writing to SQL.
/// </summary>
public sealed record SyncFailbackCommand : ICommand<FailbackReport>;

public sealed class SyncFailbackHandler(ISlotFailbackSync sync) : ICommandHandler<SyncFailbackCommand, FailbackReport>
{
    public async ValueTask<FailbackReport> Handle(SyncFailbackCommand command, CancellationToken cancellationToken) =>
        await sync.SyncAsync(cancellationToken);
}

/// <summary>Copied: holds now in Redis. Conflicts: SQL holds that met a different Redis hold (the earlier one won). Deleted: SQL rows removed.</summary>
public sealed record FailbackReport(int Copied, int Conflicts, int Deleted, long ElapsedMs)
{
    public static readonly FailbackReport Nothing = new(0, 0, 0, 0);
}
