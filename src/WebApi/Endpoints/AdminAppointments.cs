using AppointEase.Application.Admin.Appointments;
using AppointEase.Application.Admin.Common;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Endpoints;

public static class AdminAppointments
{
    private static readonly AdminAppointmentDto Example = new(812, "APT-2026-004211", "confirmed", 1, "Haircut", 2, "Sam Lee",
        new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc), "2026-12-01", "10:00", "10:30",
        "Zoë Müller", "zoe@example.com", "+49 30 1234567", null, new DateTime(2026, 11, 20, 8, 12, 0, DateTimeKind.Utc), null);

    public static void MapAdminAppointmentEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/appointments").WithTags("Admin: appointments");
        group.MapGet("", Search).WithExamples(response: new Page<AdminAppointmentDto>([Example], "YTF8NjM5MDAwMDAwMDAwMDAwMDAwfDgxMnxh"));
        group.MapGet("/export.csv", Export);
    }

    [EndpointSummary("Search appointments (cursor paging)")]
    [EndpointDescription("Filters (all optional): from/to local dates yyyy-MM-dd (inclusive, by start), employeeId, serviceId, " +
                         "status (confirmed|cancelled), email (prefix, case-insensitive). sort=asc|desc by start then id; limit 1–500 (default 50). " +
                         "Pass nextCursor as cursor for the next page; null means last page. Paging is keyset-based: rows added meanwhile never " +
                         "cause gaps or repeats.")]
    public static async Task<Ok<Page<AdminAppointmentDto>>> Search(string? from, string? to, int? employeeId, int? serviceId, string? status,
        string? email, string? sort, int? limit, string? cursor, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new SearchAppointmentsQuery(from, to, employeeId, serviceId, status, email, sort, limit, cursor), ct));

    [EndpointSummary("Export appointments as CSV (streamed)")]
    [EndpointDescription("Same filters and sort as the search, all matching rows. RFC 4180 CSV, UTF-8 with BOM (opens in Excel), " +
                         "streamed as rows are read, sent as an attachment. Cells starting with = + - @ are prefixed with ' against formula injection.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    public static async Task<IResult> Export(string? from, string? to, int? employeeId, int? serviceId, string? status, string? email, string? sort,
        IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var rows = await mediator.Send(new ExportAppointmentsQuery(from, to, employeeId, serviceId, status, email, sort), ct);
        var fileName = $"appointments-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        return TypedResults.Stream(stream => AppointmentCsv.WriteAsync(stream, rows, ct), "text/csv; charset=utf-8", fileName);
    }
}
