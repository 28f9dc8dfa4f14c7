using AppointEase.Application.Admin.BusinessHours;
using AppointEase.Application.Admin.Common;
using AppointEase.Application.Admin.Employees;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminBusinessHours
{
    private static readonly AdminBusinessHoursDto Example = new(
        [new WorkingDayDto("monday", "09:00", "17:00", [new TimeRangeDto("12:00", "13:00")])], 5);

    public static void MapAdminBusinessHoursEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/business-hours").WithTags("Admin: settings");
        group.MapGet("", Get).WithExamples(response: Example);
        group.MapPut("", Set).WithExamples(new HoursRequest([new WorkingDayInput("monday", "09:00", "17:00", [new TimeRangeInput("12:00", "13:00")])]), Example);
    }

    [EndpointSummary("Get the weekly opening hours with their ETag")]
    [EndpointDescription("Monday first; a weekday not listed is closed. The ETag is the business settings' version (one ETag for business-wide configuration).")]
    public static async Task<Ok<AdminBusinessHoursDto>> Get(HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var hours = await mediator.Send(new GetBusinessHoursAdminQuery(), ct);
        ETags.Set(response, hours.Version);
        return TypedResults.Ok(hours);
    }

    [EndpointSummary("Replace the weekly opening hours (If-Match required)")]
    [EndpointDescription("Same shape and rules as employee hours (422 naming e.g. days[0].breaks). Slots are offered where business and employee " +
                         "hours overlap. Existing appointments are never moved or cancelled; availability reflects the change at once.")]
    public static async Task<Results<Ok<AdminBusinessHoursDto>, ProblemHttpResult>> Set(HoursRequest body, HttpRequest request, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetBusinessHoursCommand(ETags.IfMatch(request), body.Days), ct)).WithETag(response, h => h.Version);
}
