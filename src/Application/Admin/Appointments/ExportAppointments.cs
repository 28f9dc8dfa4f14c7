using System.Runtime.CompilerServices;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Appointments;

/// <summary>
/// Every appointment matching the filter, as a lazily read sequence: rows are streamed from the database as the caller
/// consumes them (no list in memory), so an export of any size starts at once and uses constant memory.
/// The sequence must be consumed within the request's scope (it reads through the scoped DbContext).
/// </summary>
public sealed record ExportAppointmentsQuery(string? From, string? To, int? EmployeeId, int? ServiceId, string? Status, string? Email, string? Sort)
    : IQuery<IAsyncEnumerable<AdminAppointmentDto>>, IAppointmentFilter;

public sealed class ExportAppointmentsHandler(IAppDbContext db, ISettingsProvider settings)
    : IQueryHandler<ExportAppointmentsQuery, IAsyncEnumerable<AdminAppointmentDto>>
{
    public async ValueTask<IAsyncEnumerable<AdminAppointmentDto>> Handle(ExportAppointmentsQuery query, CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var rows = AppointmentFilterQuery.Ordered(AppointmentFilterQuery.Build(db, query, policy), AppointmentFilterQuery.Descending(query));
        return Stream(rows, policy, cancellationToken);
    }

    private static async IAsyncEnumerable<AdminAppointmentDto> Stream(IQueryable<AppointmentRow> rows, SchedulingPolicy policy,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return row.ToDto(policy);
    }
}

public sealed class ExportAppointmentsValidator : AppointmentFilterValidator<ExportAppointmentsQuery>;
