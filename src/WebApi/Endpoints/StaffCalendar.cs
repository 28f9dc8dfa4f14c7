using System.Security.Cryptography;
using System.Text;
using AppointEase.Application.Calendar.GetStaffCalendar;
using AppointEase.WebApi.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Endpoints;

public static class StaffCalendar
{
    public static void MapStaffCalendarEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/calendar/{token}.ics", Feed).WithTags("Calendar");

    [EndpointSummary("An employee's calendar feed (iCalendar)")]
    [EndpointDescription("Subscribe to this URL in a calendar app. Appointments from 30 days ago on; a move keeps the event's UID and raises " +
                         "SEQUENCE, a cancellation stays as STATUS:CANCELLED. Customer data is limited to the name and notes. Send If-None-Match " +
                         "with the ETag for a 304. An unknown or revoked token → 404.")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/calendar")]
    public static async Task<IResult> Feed(string token, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var result = await mediator.Send(new GetStaffCalendarQuery(token), ct);
        if (!result.IsSuccess) return result.Error.ToProblem();
        var bytes = Encoding.UTF8.GetBytes(result.Value);
        // The body is deterministic (DTSTAMP is each appointment's last change), so equal bytes mean nothing changed.
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        http.Response.Headers.ETag = etag;
        // Private: the URL is a credential, shared caches must not keep it; clients revalidate with the ETag after 5 minutes.
        http.Response.Headers.CacheControl = "private, max-age=300";
        if (ETags.NoneMatchHits(http.Request.Headers.IfNoneMatch, etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.File(bytes, "text/calendar; charset=utf-8");
    }
}
