using System.Text.Json;
using AppointEase.Application.Admin.Audit;
using AppointEase.Application.Admin.Common;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminAudit
{
    public static void MapAdminAuditEndpoints(this RouteGroupBuilder admin) =>
        admin.MapGet("/audit", List).WithTags("Admin: audit").WithExamples(response: new Page<AuditEntryDto>(
        [
            new AuditEntryDto(91, new DateTime(2026, 11, 23, 10, 4, 0, DateTimeKind.Utc), "ops-1", "service.update", "service", "4",
                JsonDocument.Parse("""{"id":4,"name":"Beard trim","price":18.0}""").RootElement,
                JsonDocument.Parse("""{"id":4,"name":"Beard trim","price":19.5}""").RootElement),
        ], "91"));

    [EndpointSummary("Read the admin audit log")]
    [EndpointDescription("Every admin change, newest first: when, which key id, action, entity and id, and the resource's admin view " +
                         "before and after (null on create/delete). Optional entity (service, employee, employee_time_off, closure, settings) " +
                         "and entityId filters; limit 1–500; pass nextCursor as cursor for older entries.")]
    public static async Task<Ok<Page<AuditEntryDto>>> List(string? entity, string? entityId, int? limit, string? cursor, IMediator mediator,
        CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListAuditQuery(entity, entityId, limit, cursor), ct));
}
