using AppointEase.Application.Common;
using AppointEase.Application.Common.Results;
using AppointEase.Domain.Slots;
using Mediator;

namespace AppointEase.Application.Slots.WatchSlotDay;

/// <summary>
/// The checks before a slot stream opens, the heartbeat's: formats (validator), the employee exists, the date is
/// bookable. The stream itself is served by the instance's shared day reader (decision 121).
/// </summary>
public sealed record OpenSlotStreamQuery(string? Date, int EmployeeId, string? ClientId) : IQuery<Result<SlotStreamTarget>>;

/// <summary>The day and employee a stream watches, and the visitor whose own holds it leaves out.</summary>
public sealed record SlotStreamTarget(DateOnly Date, int EmployeeId, ClientId Client);

public sealed class OpenSlotStreamHandler(SlotGuard guard) : IQueryHandler<OpenSlotStreamQuery, Result<SlotStreamTarget>>
{
    public async ValueTask<Result<SlotStreamTarget>> Handle(OpenSlotStreamQuery query, CancellationToken cancellationToken)
    {
        if (await guard.EmployeeExistsAsync(query.EmployeeId, cancellationToken) is { } missing) return missing;
        var date = Formats.ParseDate(query.Date!);
        if (await guard.DateInRangeAsync(date, cancellationToken) is { } outOfRange) return outOfRange;
        return new SlotStreamTarget(date, query.EmployeeId, ClientId.Parse(query.ClientId!));
    }
}
