using AppointEase.Application.Common.Interfaces;
using AppointEase.Application.Slots.SyncFailback;

namespace AppointEase.Infrastructure.SlotState;

/// <summary>Without Redis there is nowhere to fail back to: SQL is the only store.</summary>
internal sealed class NoRedisFailbackSync : ISlotFailbackSync
{
    public Task<FailbackReport> SyncAsync(CancellationToken cancellationToken) => Task.FromResult(FailbackReport.Nothing);
}
