using AppointEase.Application.Common.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>The one place that turns expected application errors into RFC 9457 problems.</summary>
internal static class ErrorResults
{
    public static ProblemHttpResult ToProblem(this Error error)
    {
        var (status, title) = error.Kind switch
        {
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            ErrorKind.Validation => (StatusCodes.Status422UnprocessableEntity, "Validation failed"),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            ErrorKind.Gone => (StatusCodes.Status410Gone, "Gone"),
            ErrorKind.TooManyRequests => (StatusCodes.Status429TooManyRequests, "Too many requests"),
            ErrorKind.Unavailable => (StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "Precondition failed"),
            ErrorKind.PreconditionRequired => (StatusCodes.Status428PreconditionRequired, "Precondition required"),
            _ => (StatusCodes.Status400BadRequest, "Bad request"),
        };
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = error.Message,
            Type = $"https://appointease.dev/problems/{error.Code.Replace('_', '-')}",
        };
        problem.Extensions["code"] = error.Code;
        // ProblemDetailsDefaults.Customize turns this into the Retry-After header when the problem is written.
        if (error.RetryAfter is { } retryAfter)
            problem.Extensions[ProblemDetailsDefaults.RetryAfterSeconds] = (int)Math.Ceiling(retryAfter.TotalSeconds);
        problem.WithField(error.Field, error.Message);
        return TypedResults.Problem(problem);
    }
}
