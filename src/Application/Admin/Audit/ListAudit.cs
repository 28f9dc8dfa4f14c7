using System.Globalization;
using System.Text.Json;
using AppointEase.Application.Admin.Common;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Domain.Auditing;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace AppointEase.Application.Admin.Audit;

/// <summary>One admin change; <c>Before</c>/<c>After</c> are the resource's admin view as JSON (null for create/delete).</summary>
public sealed record AuditEntryDto(long Id, DateTime AtUtc, string KeyId, string Action, string Entity, string EntityId,
    JsonElement? Before, JsonElement? After);

/// <summary>Audit rows newest first, optionally for one entity kind (service, employee, …) and id. Cursor = last id seen.</summary>
public sealed record ListAuditQuery(string? Entity, string? EntityId, int? Limit, string? Cursor) : IQuery<Page<AuditEntryDto>>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

public sealed class ListAuditHandler(IAppDbContext db) : IQueryHandler<ListAuditQuery, Page<AuditEntryDto>>
{
    public async ValueTask<Page<AuditEntryDto>> Handle(ListAuditQuery query, CancellationToken cancellationToken)
    {
        var rows = db.Set<AdminAuditEntry>().AsNoTracking();
        if (query.Entity is not null) rows = rows.Where(a => a.Entity == query.Entity);
        if (query.EntityId is not null) rows = rows.Where(a => a.EntityId == query.EntityId);
        if (query.Cursor is not null)
        {
            var before = long.Parse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture);
            rows = rows.Where(a => a.Id < before);
        }
        var limit = query.Limit ?? ListAuditQuery.DefaultLimit;
        var page = await rows.OrderByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? page[limit - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<AuditEntryDto>(page.Take(limit).Select(a => new AuditEntryDto(
            a.Id, DateTime.SpecifyKind(a.AtUtc, DateTimeKind.Utc), a.KeyId, a.Action, a.Entity, a.EntityId,
            Parse(a.BeforeJson), Parse(a.AfterJson))).ToList(), next);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed class ListAuditValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditValidator()
    {
        RuleFor(q => q.Entity).MaximumLength(AdminAuditEntry.MaxEntityLength).OverridePropertyName("entity");
        RuleFor(q => q.EntityId).MaximumLength(AdminAuditEntry.MaxEntityIdLength).OverridePropertyName("entityId");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAuditQuery.MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.Cursor).Must(c => long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)).When(q => q.Cursor is not null)
            .WithMessage("Cursor is not one this list returned.").OverridePropertyName("cursor");
    }
}
