using AppointEase.Application.Admin.Settings;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminSettings
{

    private static readonly SettingsRequest Example = new("Salon Morgan", "Europe/Berlin", 30, 120, 60, 1440, 10, 600, 1000);
    private static readonly AdminSettingsDto ExampleDto = new("Salon Morgan", "Europe/Berlin", 30, 120, 60, 1440, 10, 600, 1000, 4);

    public static void MapAdminSettingsEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/settings").WithTags("Admin: settings");
        group.MapGet("", Get).WithExamples(response: ExampleDto);
        group.MapPut("", Update).WithExamples(Example, ExampleDto);
    }

    [EndpointSummary("Get the business settings with their ETag")]
    [EndpointDescription("Name, IANA time zone, slot grid, minimum notice, booking horizon, cancel/reschedule cut-off, selection and lock TTLs " +
                         "and the heartbeat interval suggested to clients.")]
    public static async Task<Ok<AdminSettingsDto>> Get(HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var settings = await mediator.Send(new GetSettingsQuery(), ct);
        ETags.Set(response, settings.Version);
        return TypedResults.Ok(settings);
    }

    [EndpointSummary("Replace the business settings (If-Match required)")]
    [EndpointDescription("All fields required. Unknown time zone, grid not in 5/10/15/20/30/60, or active services whose duration would be off " +
                         "the new grid → 422 naming the field. Takes effect at once on this instance; other instances are told over Redis (within 5 s without it).")]
    public static async Task<Results<Ok<AdminSettingsDto>, ProblemHttpResult>> Update(SettingsRequest body, HttpRequest request, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdateSettingsCommand(ETags.IfMatch(request), body.BusinessName, body.TimeZone, body.SlotMinutes,
            body.MinimumNoticeMinutes, body.BookingHorizonDays, body.ChangeCutoffMinutes, body.SelectionTtlSeconds, body.LockTtlSeconds,
            body.HeartbeatIntervalMs), ct)).WithETag(response, s => s.Version);
}
