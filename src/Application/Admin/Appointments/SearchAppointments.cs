using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Interfaces;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Appointments;

/// <summary>One page of appointments matching the filter, ordered by start then id; pass NextCursor back for the next page.</summary>
public sealed record SearchAppointmentsQuery(
    string? From, string? To, int? EmployeeId, int? ServiceId, string? Status, string? Email, string? Sort, int? Limit, string? Cursor)
    : IQuery<Page<AdminAppointmentDto>>, IAppointmentFilter
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

public sealed class SearchAppointmentsHandler(IAppDbContext db, ISettingsProvider settings) : IQueryHandler<SearchAppointmentsQuery, Page<AdminAppointmentDto>>
{
    public async ValueTask<Page<AdminAppointmentDto>> Handle(SearchAppointmentsQuery query, CancellationToken cancellationToken)
    {
        var policy = (await settings.GetAsync(cancellationToken)).Policy;
        var descending = AppointmentFilterQuery.Descending(query);
        var rows = AppointmentFilterQuery.Build(db, query, policy);
        if (AppointmentCursor.TryDecode(query.Cursor, out var cursor) && cursor is not null)
        {
            var (start, id) = (cursor.StartUtc, cursor.Id);
            rows = descending
                ? rows.Where(r => r.StartUtc < start || (r.StartUtc == start && r.Id < id))
                : rows.Where(r => r.StartUtc > start || (r.StartUtc == start && r.Id > id));
        }
        var limit = query.Limit ?? SearchAppointmentsQuery.DefaultLimit;
        // One extra row tells whether another page exists without a COUNT.
        var page = await AppointmentFilterQuery.Ordered(rows, descending).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new AppointmentCursor(page[limit - 1].StartUtc, page[limit - 1].Id, descending).Encode() : null;
        return new Page<AdminAppointmentDto>(page.Take(limit).Select(r => r.ToDto(policy)).ToList(), next);
    }
}

public sealed class SearchAppointmentsValidator : AppointmentFilterValidator<SearchAppointmentsQuery>
{
    public SearchAppointmentsValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, SearchAppointmentsQuery.MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.Cursor).Must((q, c) => AppointmentCursor.TryDecode(c, out var cursor) && cursor!.Descending == AppointmentFilterQuery.Descending(q))
            .When(q => q.Cursor is not null)
            .WithMessage("Cursor is not one this search returned (or belongs to the other sort order).").OverridePropertyName("cursor");
    }
}
