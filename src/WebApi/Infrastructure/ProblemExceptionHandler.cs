using AppointEase.Application.Common.Behaviors;
using AppointEase.Application.Common.Interfaces;
using AppointEase.Infrastructure.Faults;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Maps exceptions to problem details: validation → 422 by field (unreadable requests: <see cref="BadRequestExceptionHandler"/>),
/// an unreachable database → 503 with Retry-After, anything else → 500 with no internals outside Development.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemExceptionHandler> logger,
    IFaultLogGate gate)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException validation => Validation(validation),
            _ when IsDatabaseUnavailable(exception) => Unavailable(httpContext),
            _ => Unexpected(exception),
        };
        // A fault is logged once, with its exception: by the mediator's UnhandledExceptionBehavior when it came from a
        // handler, here otherwise, under the same outage gate. 4xx answers are expected outcomes and not logged above Debug.
        if (problem.Status >= 500 && !exception.Data.Contains(UnhandledExceptionBehavior<IMessage, object>.LoggedKey))
            UnhandledExceptionBehavior<IMessage, object>.Log(logger, gate.Admit(exception), exception, $"{httpContext.Request.Method} {httpContext.GetEndpoint()?.DisplayName ?? httpContext.Request.Path}");
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Validation failed",
            Detail = "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
            Type = "https://appointease.dev/problems/validation",
            Extensions = { ["errors"] = errors },
        };
    }

    private static ProblemDetails Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service unavailable",
            Detail = "The booking database is unreachable right now. Nothing was saved; please retry shortly.",
            Type = "https://appointease.dev/problems/unavailable",
        };
    }

    private ProblemDetails Unexpected(Exception exception) => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "Unexpected error",
        Detail = environment.IsDevelopment() ? exception.Message : "Something went wrong on our side. It has been logged.",
        Type = "https://appointease.dev/problems/unexpected",
    };

    /// <summary>
    /// The database could not do the work right now (unreachable, frozen, or still deadlocked after the unit of work's
    /// retries): nothing was saved and retrying shortly is the remedy, so 503 with Retry-After rather than 500.
    /// Classified by exception type and error code only (<see cref="FaultClassifier"/>).
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception exception) =>
        FaultClassifier.Sql(exception) is DataFault.Unavailable or DataFault.Transient or DataFault.Deadlock;

    private static string FieldName(string path)
    {
        if (string.IsNullOrEmpty(path)) return "body";
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('.', parts.Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));
    }

}
