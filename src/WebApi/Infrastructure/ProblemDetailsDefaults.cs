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
        var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
        context.ProblemDetails.Extensions.TryAdd("traceId", activity?.Id ?? context.HttpContext.TraceIdentifier);
        if (context.ProblemDetails.Extensions.TryGetValue(RetryAfterSeconds, out var seconds) && seconds is int value)
            context.HttpContext.Response.Headers.RetryAfter = value.ToString(CultureInfo.InvariantCulture);
    }

    public static ProblemDetails WithField(this ProblemDetails problem, string? field, string message)
    {
        if (field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }
}
