using AppointEase.Application.Appointments;
using AppointEase.Application.Appointments.CancelAppointment;
using AppointEase.Application.Appointments.ConfirmBooking;
using AppointEase.Application.Appointments.GetAppointment;
using AppointEase.Application.Appointments.ListMyAppointments;
using AppointEase.Application.Appointments.RescheduleAppointment;
using AppointEase.WebApi.Contracts;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Endpoints;

public static class Appointments
{
    /// <summary>The secret from the emailed manage link travels in a header, not the URL, so it stays out of access logs.</summary>
    public const string ManageTokenHeader = "X-Manage-Token";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    /// <summary>The product's existing frontend sends this older spelling.</summary>
    public const string LegacyIdempotencyKeyHeader = "X-Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static void MapAppointmentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/appointments").WithTags("Appointments");
        group.MapPost("", Confirm).RequireRateLimit(RateLimitNames.BookingPerIp, RateLimitSubjects.ClientIp);
        group.MapGet("", ListMine);
        group.MapGet("/{id}", Get);
        group.MapGet("/{id}/calendar", Calendar);
        group.MapPut("/{id}", Reschedule);
        group.MapDelete("/{id}", Cancel);
    }

    [EndpointSummary("Book a slot")]
    [EndpointDescription("Books serviceId with employeeId at date/time (business time zone). Send the lockToken from checkout when you hold one. " +
                         "Idempotency-Key (or X-Idempotency-Key): the same key and body return the stored 201 again with Idempotent-Replayed: true; " +
                         "a different body → 422; while the first is still running, this one waits for it and then gets its stored 201 " +
                         "(409 idempotency_key_in_flight only asks to retry in a moment). 409 also when the slot is taken or locked by someone else. " +
                         "The response's manageToken is shown only here: it authorises later changes (header X-Manage-Token).")]
    public static async Task<Results<Created<AppointmentDto>, ProblemHttpResult>> Confirm(
        ConfirmBookingRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        [FromHeader(Name = LegacyIdempotencyKeyHeader)] string? legacyIdempotencyKey,
        HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var command = new ConfirmBookingCommand(request.ServiceId, request.EmployeeId, request.Date, request.Time, request.LockToken,
            request.Customer, request.Notes, idempotencyKey ?? legacyIdempotencyKey, request.Locale);
        var result = await mediator.Send(command, ct);
        if (!result.IsSuccess) return result.Error.ToProblem();
        if (result.Value.Replayed) response.Headers[ReplayedHeader] = "true";
        return TypedResults.Created($"/api/v1/appointments/{result.Value.Appointment.Id}", result.Value.Appointment);
    }

    [EndpointSummary("The signed-in customer's appointments")]
    [EndpointDescription("Past and future, cancelled included, soonest first. Needs a customer session; otherwise 403.")]
    public static async Task<Results<Ok<IReadOnlyList<AppointmentDto>>, ProblemHttpResult>> ListMine(IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new ListMyAppointmentsQuery(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("One appointment")]
    [EndpointDescription("For the customer's session, an admin, or with the manage token in X-Manage-Token. Anyone else gets 404.")]
    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Get(
        int id, [FromHeader(Name = ManageTokenHeader)] string? manageToken, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new GetAppointmentQuery(id, manageToken), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("One appointment as an iCalendar (.ics) file")]
    [EndpointDescription("RFC 5545, one VEVENT in UTC with the same UID and SEQUENCE as the emailed invitation (METHOD:CANCEL once cancelled). " +
                         "Same access as GET /appointments/{id}: customer session, admin, or X-Manage-Token; anyone else gets 404.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/calendar")]
    public static async Task<IResult> Calendar(
        int id, [FromHeader(Name = ManageTokenHeader)] string? manageToken, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new GetAppointmentCalendarQuery(id, manageToken), ct);
        if (!result.IsSuccess) return result.Error.ToProblem();
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(result.Value.Content), "text/calendar; charset=utf-8", result.Value.FileName);
    }

    [EndpointSummary("Move an appointment")]
    [EndpointDescription("Lock the new slot first (clientId + lockToken). Frees the old cells and takes the new ones atomically; the move is kept in history. " +
                         "Refused with 409 inside the change cut-off before the start (admins excepted).")]
    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Reschedule(
        int id, RescheduleRequest request, [FromHeader(Name = ManageTokenHeader)] string? manageToken, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new RescheduleAppointmentCommand(id, request.Date, request.Time, request.LockToken, request.ClientId,
            request.EmployeeId, manageToken), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }

    [EndpointSummary("Cancel an appointment")]
    [EndpointDescription("Sets status cancelled and frees the slot; cancelling again returns the cancelled appointment. " +
                         "Refused with 409 inside the change cut-off before the start (admins excepted).")]
    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Cancel(
        int id, [FromHeader(Name = ManageTokenHeader)] string? manageToken, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new CancelAppointmentCommand(id, manageToken), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error.ToProblem();
    }
}
