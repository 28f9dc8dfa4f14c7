using AppointEase.Application.Admin.Services;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppointEase.WebApi.Endpoints;

public static class AdminServices
{

    private static readonly ServiceRequest Example = new("Beard trim", 30, 19.50m, 0, 10, true);
    private static readonly AdminServiceDto ExampleDto = new(4, "Beard trim", 30, 19.50m, 0, 10, true, 1);

    public static void MapAdminServiceEndpoints(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/services").WithTags("Admin: services");
        group.MapGet("", List).WithExamples(response: new[] { ExampleDto });
        group.MapGet("/{id}", Get).WithExamples(response: ExampleDto);
        group.MapPost("", Create).WithExamples(Example, ExampleDto);
        group.MapPut("/{id}", Update).WithExamples(Example, ExampleDto);
        group.MapPost("/{id}/deactivate", Deactivate).WithExamples(response: ExampleDto with { IsActive = false, Version = 2 });
    }

    [EndpointSummary("List all services (active and inactive)")]
    [EndpointDescription("Ordered by name. Each item carries its version, which is also what the ETag of GET /services/{id} holds.")]
    public static async Task<Ok<IReadOnlyList<AdminServiceDto>>> List(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new AdminListServicesQuery(), ct));

    [EndpointSummary("Get one service with its ETag")]
    [EndpointDescription("Send the ETag back as If-Match when updating or deactivating.")]
    public static async Task<Results<Ok<AdminServiceDto>, ProblemHttpResult>> Get(int id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new AdminGetServiceQuery(id), ct)).WithETag(response, s => s.Version);

    [EndpointSummary("Create a service")]
    [EndpointDescription("Duration must be a multiple of the slot grid; price ≥ 0 with at most 2 decimals; buffers 0–240 minutes. 422 names the field.")]
    public static async Task<Results<Created<AdminServiceDto>, ProblemHttpResult>> Create(ServiceRequest body, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new CreateServiceCommand(body.Name, body.DurationMinutes, body.Price, body.BufferBeforeMinutes, body.BufferAfterMinutes), ct))
        .CreatedWithETag(response, s => $"/api/v1/admin/services/{s.Id}", s => s.Version);

    [EndpointSummary("Update a service (If-Match required)")]
    [EndpointDescription("Replaces all fields. Missing If-Match → 428, stale → 412. Existing appointments keep their times and stay valid; " +
                         "cached availability of employees offering the service is dropped.")]
    public static async Task<Results<Ok<AdminServiceDto>, ProblemHttpResult>> Update(int id, ServiceRequest body, HttpRequest request,
        HttpResponse response, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new UpdateServiceCommand(id, ETags.IfMatch(request), body.Name, body.DurationMinutes, body.Price,
            body.BufferBeforeMinutes, body.BufferAfterMinutes, body.IsActive), ct)).WithETag(response, s => s.Version);

    [EndpointSummary("Deactivate a service (If-Match required)")]
    [EndpointDescription("Soft delete: customers can no longer book it; future bookings of it stay valid. There is no hard delete.")]
    public static async Task<Results<Ok<AdminServiceDto>, ProblemHttpResult>> Deactivate(int id, HttpRequest request, HttpResponse response,
        IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new DeactivateServiceCommand(id, ETags.IfMatch(request)), ct)).WithETag(response, s => s.Version);
}
