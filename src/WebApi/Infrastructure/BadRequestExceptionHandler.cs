using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// A request minimal APIs could not bind (<see cref="BadHttpRequestException"/>: broken JSON, a value of the wrong JSON type
/// or out of range, a route/query value that does not parse, a missing required parameter, a wrong Content-Type, a body over
/// the limit) → 400/413/415 problem naming the field in <c>errors</c>, like every validation problem. Registered before
/// <see cref="ProblemExceptionHandler"/> so that one stays about faults.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const string UnsupportedMediaTypeDetail = "Send the body as JSON with Content-Type: application/json.";
    private const string BadRequestType = "https://appointease.dev/problems/bad-request";

    /// <summary>
    /// Some Content-Type values (unparsable ones such as "garbage") get a bare 415 from minimal APIs without an exception;
    /// the status-code page then writes a problem that must name the body like the thrown case does.
    /// </summary>
    public static void NameBodyOnUnsupportedMediaType(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && !context.ProblemDetails.Extensions.ContainsKey("errors"))
        {
            context.ProblemDetails.Detail ??= UnsupportedMediaTypeDetail;
            context.ProblemDetails.WithField(BindingFailureField.Body, UnsupportedMediaTypeDetail);
        }
    }

    /// <summary>
    /// The Request Delegate Generator (decision 139) answers an optional value-type parameter (<c>int?</c>, <c>DateOnly?</c>
    /// …) that is given but does not parse with a bare 400 and no exception, unlike the runtime binder, which throws under
    /// <c>ThrowOnBadRequest</c>; the status-code page then writes a problem that must name the parameter like the thrown case.
    /// </summary>
    public static void NameFieldOnBareBadRequest(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status != StatusCodes.Status400BadRequest || context.Exception is not null
            || context.ProblemDetails.Extensions.ContainsKey("errors")) return;
        if (BindingFailureField.FindUnparsableParameter(context.HttpContext) is not { } field) return;
        var detail = UnreadableValue(field);
        context.ProblemDetails.Title = "Bad request";
        context.ProblemDetails.Detail = detail;
        context.ProblemDetails.Type = BadRequestType;
        context.ProblemDetails.WithField(field, detail);
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var status = bad.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
            ? bad.StatusCode
            : StatusCodes.Status400BadRequest;
        var field = BindingFailureField.Find(httpContext, bad);
        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Request too large", $"The request body is larger than {DependencyInjection.MaxRequestBodyBytes / 1024} KB."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", UnsupportedMediaTypeDetail),
            _ when BindingFailureField.FindJsonException(bad) is { } json =>
                ("Bad request", $"The request body is not valid JSON for this endpoint (at {json.Path ?? "$"})."),
            _ when field == BindingFailureField.Body => ("Bad request", "This endpoint needs a JSON body."),
            _ => ("Bad request", UnreadableValue(field)),
        };
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Type = BadRequestType,
        }.WithField(field, detail);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string UnreadableValue(string field) => $"The value given for '{field}' is missing or not valid.";
}
