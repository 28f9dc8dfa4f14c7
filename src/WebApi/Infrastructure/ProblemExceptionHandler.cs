using System.Data.Common;
using System.Net.Sockets;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Maps exceptions to problem details: validation → 422 by field (unreadable requests: <see cref="BadRequestExceptionHandler"/>),
/// an unreachable database → 503 with Retry-After, anything else → 500 with no internals outside Development.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemExceptionHandler> logger)
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
        if (problem.Status >= 500)
            logger.LogError(exception, "Request failed with {Status}", problem.Status);
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

    /// <summary>Connection-level failures (server down, network, timeout) rather than bad SQL or constraint violations.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // IOException covers a connection cut mid-command (MySqlConnector's MySqlEndOfStreamException is one).
            if (e is SocketException or TimeoutException or IOException) return true;
            if (e is DbException db && (db.IsTransient || IsConnectionFailure(db))) return true;
            if (e is InvalidOperationException && e.Message.Contains("transient failure", StringComparison.OrdinalIgnoreCase)) return true;
            if (e.GetType().Name == "RetryLimitExceededException") return true;
        }
        return false;
    }

    private static bool IsConnectionFailure(DbException db) =>
        db.GetType().Name == "MySqlException" && (db.Message.Contains("Unable to connect", StringComparison.OrdinalIgnoreCase)
                                                  || db.Message.Contains("Lost connection", StringComparison.OrdinalIgnoreCase)
                                                  || db.Message.Contains("Connection was killed", StringComparison.OrdinalIgnoreCase))
        || db.GetType().Name == "SqliteException" && (db.ErrorCode is 5 or 6 or 14);

    private static string FieldName(string path)
    {
        if (string.IsNullOrEmpty(path)) return "body";
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('.', parts.Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));
    }

}
