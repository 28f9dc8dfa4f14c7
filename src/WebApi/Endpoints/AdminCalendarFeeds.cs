using AppointEase.Application.Admin.Employees;
using AppointEase.Application.Common.Results;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminCalendarFeeds
{
    public static void MapAdminCalendarFeedEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/employees/{id}/calendar-feed").WithTags("Admin: employees");
        group.MapPost("", Issue).WithExamples(response: new CalendarFeedDto(2, "q3V8yQm1T0cKxJr6Yb2nWfP9aLs4Ue7HdZiOg5Nk0Ct",
            "/api/v1/calendar/q3V8yQm1T0cKxJr6Yb2nWfP9aLs4Ue7HdZiOg5Nk0Ct.ics", new DateTime(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc)));
        group.MapDelete("", Revoke);
    }

    [EndpointSummary("Issue an employee's calendar feed URL")]
    [EndpointDescription("A new secret feed URL (path relative to this API) for Google, Outlook or Apple Calendar; shown this once. " +
                         "An earlier URL of the employee stops working.")]
    public static async Task<Results<Created<CalendarFeedDto>, ProblemHttpResult>> Issue(int id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new IssueCalendarFeedCommand(id), ct);
        return result.IsSuccess ? TypedResults.Created(result.Value.Path, result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Revoke an employee's calendar feed")]
    [EndpointDescription("The feed URL answers 404 from now on. 204 on success.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(int id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RevokeCalendarFeedCommand(id), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }
}
