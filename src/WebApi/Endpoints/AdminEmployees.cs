using AppointEase.Application.Admin.Common;
using AppointEase.Application.Admin.Employees;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminEmployees
{

    private static readonly HoursRequest HoursExample = new(
    [
        new WorkingDayInput("monday", "09:00", "17:00", [new TimeRangeInput("12:00", "13:00")]),
        new WorkingDayInput("tuesday", "09:00", "17:00", [new TimeRangeInput("12:00", "13:00")]),
        new WorkingDayInput("saturday", "10:00", "14:00", []),
    ]);

    private static readonly AdminEmployeeDto ExampleDto = new(2, "Sam Lee", true, [1, 3],
        [new WorkingDayDto("monday", "09:00", "17:00", [new TimeRangeDto("12:00", "13:00")])], 7);

    public static void MapAdminEmployeeEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/employees").WithTags("Admin: employees");
        group.MapGet("", List).WithExamples(response: new[] { ExampleDto });
        group.MapGet("/{id}", Get).WithExamples(response: ExampleDto);
        group.MapPost("", Create).WithExamples(new CreateEmployeeRequest("Robin Diaz", [1, 3]), ExampleDto);
        group.MapPut("/{id}", Update).WithExamples(new UpdateEmployeeRequest("Sam Lee-Park", true), ExampleDto);
        group.MapPost("/{id}/deactivate", Deactivate).WithExamples(response: ExampleDto with { IsActive = false });
        group.MapPut("/{id}/services", SetServices).WithExamples(new ServicesRequest([1, 2, 3]), ExampleDto);
        group.MapPut("/{id}/hours", SetHours).WithExamples(HoursExample, ExampleDto);
        group.MapGet("/{id}/time-off", ListTimeOff).WithExamples(response: new[] { new TimeOffDto(5, 2, "2026-12-24", "2026-12-31", "Holiday") });
        group.MapPost("/{id}/time-off", AddTimeOff)
            .WithExamples(new TimeOffRequest("2026-12-24", "2026-12-31", "Holiday"), new TimeOffDto(5, 2, "2026-12-24", "2026-12-31", "Holiday"));
        group.MapDelete("/{id}/time-off/{timeOffId}", RemoveTimeOff);
    }

    [EndpointSummary("List all employees (active and inactive)")]
    [EndpointDescription("Ordered by name, each with offered service ids, weekly hours (Monday first) and version.")]
    public static async Task<Ok<IReadOnlyList<AdminEmployeeDto>>> List(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AdminListEmployeesQuery(), ct));

    [EndpointSummary("Get one employee with its ETag")]
    [EndpointDescription("The ETag covers name, state, offered services and weekly hours; send it as If-Match on any change.")]
    public static async Task<Results<Ok<AdminEmployeeDto>, ProblemHttpResult>> Get(int id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AdminGetEmployeeQuery(id), ct)).WithETag(response, e => e.Version);

    [EndpointSummary("Create an employee")]
    [EndpointDescription("Optionally with the services they offer. A new employee has no hours (not bookable) until PUT /hours.")]
    public static async Task<Results<Created<AdminEmployeeDto>, ProblemHttpResult>> Create(CreateEmployeeRequest body, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CreateEmployeeCommand(body.Name, body.ServiceIds), ct))
        .CreatedWithETag(response, e => $"/api/v1/admin/employees/{e.Id}", e => e.Version);

    [EndpointSummary("Rename or (de)activate an employee (If-Match required)")]
    [EndpointDescription("Missing If-Match → 428, stale → 412. Bookings are never touched.")]
    public static async Task<Results<Ok<AdminEmployeeDto>, ProblemHttpResult>> Update(int id, UpdateEmployeeRequest body, HttpRequest request,
        HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdateEmployeeCommand(id, ETags.IfMatch(request), body.Name, body.IsActive), ct)).WithETag(response, e => e.Version);

    [EndpointSummary("Deactivate an employee (If-Match required)")]
    [EndpointDescription("Soft delete: no new bookings with them; their future appointments stay valid and listed. There is no hard delete.")]
    public static async Task<Results<Ok<AdminEmployeeDto>, ProblemHttpResult>> Deactivate(int id, HttpRequest request, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeactivateEmployeeCommand(id, ETags.IfMatch(request)), ct)).WithETag(response, e => e.Version);

    [EndpointSummary("Replace the services an employee offers (If-Match required)")]
    [EndpointDescription("Unknown service ids → 422 naming serviceIds. Existing bookings of a dropped service stay valid.")]
    public static async Task<Results<Ok<AdminEmployeeDto>, ProblemHttpResult>> SetServices(int id, ServicesRequest body, HttpRequest request,
        HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetEmployeeServicesCommand(id, ETags.IfMatch(request), body.ServiceIds), ct)).WithETag(response, e => e.Version);

    [EndpointSummary("Replace an employee's weekly hours (If-Match required)")]
    [EndpointDescription("days lists working weekdays (monday…sunday) with opens/closes HH:mm (closes 00:00 = midnight) and breaks; " +
                         "an unlisted day is off. Each day at most once, breaks inside the hours and not overlapping, else 422 naming the field " +
                         "(e.g. days[0].breaks[1].end). Availability reflects the change at once; existing appointments are never moved or " +
                         "cancelled and keep blocking their time.")]
    public static async Task<Results<Ok<AdminEmployeeDto>, ProblemHttpResult>> SetHours(int id, HoursRequest body, HttpRequest request,
        HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new SetEmployeeHoursCommand(id, ETags.IfMatch(request), body.Days), ct)).WithETag(response, e => e.Version);

    [EndpointSummary("List an employee's time off")]
    [EndpointDescription("Inclusive date ranges, earliest first.")]
    public static async Task<Results<Ok<IReadOnlyList<TimeOffDto>>, ProblemHttpResult>> ListTimeOff(int id, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new ListTimeOffQuery(id), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Add time off for an employee")]
    [EndpointDescription("from..to inclusive (yyyy-MM-dd), at most 366 days. Appointments on those days stay valid; move or cancel them explicitly.")]
    public static async Task<Results<Created<TimeOffDto>, ProblemHttpResult>> AddTimeOff(int id, TimeOffRequest body, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AddTimeOffCommand(id, body.From, body.To, body.Reason), ct))
        .CreatedWithETag(response, t => $"/api/v1/admin/employees/{id}/time-off/{t.Id}");

    [EndpointSummary("Remove a time-off entry")]
    [EndpointDescription("Deletes the time-off entry only (no appointment is ever deleted). 204 on success.")]
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveTimeOff(int id, int timeOffId, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RemoveTimeOffCommand(id, timeOffId), ct);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error.ToProblem();
    }
}
