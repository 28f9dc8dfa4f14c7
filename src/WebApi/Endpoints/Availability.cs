using AppointEase.Application.Availability;
using AppointEase.Application.Availability.GetAvailability;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class Availability
{
    public static void MapAvailabilityEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/availability", GetAvailability).WithTags("Availability");

    [EndpointSummary("Slot statuses for one employee and service")]
    [EndpointDescription("Give date=YYYY-MM-DD for one day (returns one object) or from and to (at most 31 days, returns an array). " +
                         "Each slot's status is available, booked, locked or selected; times are HH:mm in the business time zone.")]
    public static async Task<Results<Ok<DayAvailabilityDto>, Ok<IReadOnlyList<DayAvailabilityDto>>, ProblemHttpResult>> GetAvailability(
        string? date, string? from, string? to, int employeeId, int serviceId, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new GetAvailabilityQuery(date, from, to, employeeId, serviceId), ct);
        if (!result.IsSuccess) return result.Error.ToProblem();
        return date is not null ? TypedResults.Ok(result.Value[0]) : TypedResults.Ok(result.Value);
    }
}
