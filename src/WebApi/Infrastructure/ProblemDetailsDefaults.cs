using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

internal static class ProblemDetailsDefaults
{
    /// <summary>Every problem carries the request path and a trace id a user can quote to support.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        var activity = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity;
        context.ProblemDetails.Extensions.TryAdd("traceId", activity?.Id ?? context.HttpContext.TraceIdentifier);
    }

    public static ProblemDetails WithField(this ProblemDetails problem, string? field, string message)
    {
        if (field is not null)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        return problem;
    }
}
