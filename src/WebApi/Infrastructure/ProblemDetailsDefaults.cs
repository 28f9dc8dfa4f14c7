using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

internal static class ProblemDetailsDefaults
{
    /// <summary>Extension of a 429 problem; the same value goes out as the Retry-After header.</summary>
    public const string RetryAfterSeconds = "retryAfterSeconds";

    /// <summary>
    /// Every problem carries the request path and a trace id a user can quote to support. A problem with
    /// <see cref="RetryAfterSeconds"/> also sends Retry-After, so an <c>Error</c> mapped by <c>ToProblem()</c> needs no
    /// access to the response.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        // Set, not added: the framework's writer has already put the full W3C id ("00-…-…-01") there.
        context.ProblemDetails.Extensions["traceId"] = TraceId(context.HttpContext);
        if (context.ProblemDetails.Extensions.TryGetValue(RetryAfterSeconds, out var seconds) && seconds is int value)
            context.HttpContext.Response.Headers.RetryAfter = value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The request's W3C trace id (32 hex digits): the TraceId every log line of the request carries and the id a
    /// tracing backend finds the trace by. Without an activity (none is started when nothing listens) the connection's
    /// request id.
    /// </summary>
    public static string TraceId(HttpContext http) =>
        (http.Features.Get<IHttpActivityFeature>()?.Activity ?? System.Diagnostics.Activity.Current) is { } activity
            ? activity.TraceId.ToHexString()
            : http.TraceIdentifier;

    public static ProblemDetails WithField(this ProblemDetails problem, string? field, string message)
    {
        if (field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }
}
