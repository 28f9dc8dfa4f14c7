using AppointEase.Application.Common;
using AppointEase.Application.Common.Results;
using AppointEase.Application.Common.Interfaces;
using Mediator;

namespace AppointEase.Application.Availability.GetAvailability;

/// <summary>
/// Slot statuses for one employee and service, for one <c>Date</c> or each day of <c>From</c>..<c>To</c> (at most 31 days).
/// Dates stay text until validated so a malformed one is a 422 naming the field, not a binding failure.
/// </summary>
public sealed record GetAvailabilityQuery(string? Date, string? From, string? To, int EmployeeId, int ServiceId)
    : IQuery<Result<IReadOnlyList<DayAvailabilityDto>>>
{
    public const int MaxRangeDays = 31;
}

public sealed class GetAvailabilityHandler(IScheduleSnapshotProvider snapshots, AvailabilityCalculator calculator)
    : IQueryHandler<GetAvailabilityQuery, Result<IReadOnlyList<DayAvailabilityDto>>>
{
    public async ValueTask<Result<IReadOnlyList<DayAvailabilityDto>>> Handle(GetAvailabilityQuery query, CancellationToken cancellationToken)
    {
        var catalogue = await snapshots.GetAsync(cancellationToken);
        if (catalogue.ActiveService(query.ServiceId) is not { } service)
            return new Error(ErrorKind.NotFound, "service_not_found", $"No active service with id {query.ServiceId}.", "serviceId");
        if (!catalogue.EmployeeIsActive(query.EmployeeId))
            return new Error(ErrorKind.NotFound, "employee_not_found", $"No active employee with id {query.EmployeeId}.", "employeeId");
        if (!catalogue.Offers(query.EmployeeId, query.ServiceId))
            return Error.Invalid("employeeId", "service_not_offered", "This employee does not offer the chosen service.");

        var from = Formats.ParseDate(query.Date ?? query.From!);
        var to = query.Date is null ? Formats.ParseDate(query.To!) : from;
        var days = await calculator.ForRangeAsync(query.EmployeeId, AvailabilityCalculator.FootprintOf(service), from, to, cancellationToken);
        return Result<IReadOnlyList<DayAvailabilityDto>>.Success(days);
    }
}
