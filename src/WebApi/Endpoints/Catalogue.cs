using AppointEase.Application.Catalogue.GetBusinessHours;
using AppointEase.Application.Catalogue.ListEmployees;
using AppointEase.Application.Catalogue.ListServices;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class Catalogue
{
    public static void MapCatalogueEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Catalogue");
        group.MapGet("/services", ListServices);
        group.MapGet("/employees", ListEmployees);
        group.MapGet("/business-hours", GetBusinessHours);
    }

    [EndpointSummary("List the services customers can book")]
    [EndpointDescription("Active services ordered by name, with duration in minutes and price.")]
    public static async Task<Ok<IReadOnlyList<ServiceDto>>> ListServices(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListServicesQuery(), ct));

    [EndpointSummary("List employees, optionally those offering one service")]
    [EndpointDescription("With serviceId, only active employees who offer that service. Unknown serviceId → 404.")]
    public static async Task<Results<Ok<IReadOnlyList<EmployeeDto>>, ProblemHttpResult>> ListEmployees(
        int? serviceId, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new ListEmployeesQuery(serviceId), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Weekly business hours")]
    [EndpointDescription("Monday first, times HH:mm in the business time zone (IANA id in timeZone), with the slot grid size.")]
    public static async Task<Ok<BusinessHoursDto>> GetBusinessHours(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetBusinessHoursQuery(), ct));
}
