using AppointEase.Application.Admin.Closures;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminClosures
{
    private static readonly ClosureDto Example = new(3, "2026-12-25", "Christmas Day");

    public static void MapAdminClosureEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/closures").WithTags("Admin: closures");
        group.MapGet("", List).WithExamples(response: new[] { Example });
        group.MapPost("", Add).WithExamples(new AddClosureCommand("2026-12-25", "Christmas Day"), Example);
        group.MapDelete("/{id}", Remove);
    }

    [EndpointSummary("List business closures (holidays)")]
    [EndpointDescription("Whole days the business is closed, by date; optional from/to (yyyy-MM-dd, inclusive).")]
    public static async Task<Ok<IReadOnlyList<ClosureDto>>> List(string? from, string? to, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new ListClosuresQuery(from, to), ct));

    [EndpointSummary("Close the business on a date")]
    [EndpointDescription("One closure per date (409 if it exists). Appointments on that date stay valid; move or cancel them explicitly.")]
    public static async Task<Results<Created<ClosureDto>, ProblemHttpResult>> Add(AddClosureCommand body, HttpResponse response, IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(body, ct)).CreatedWithETag(response, c => $"/api/v1/admin/closures/{c.Id}");

    [EndpointSummary("Remove a closure")]
    [EndpointDescription("Reopens the date (its normal hours apply again). 204 on success.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(int id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveClosureCommand(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }
}
