namespace AppointEase.Application.Common.Results;

public enum ErrorKind
{
    NotFound,
    Conflict,
    Validation,
    Forbidden,
    Gone,
    TooManyRequests,
    Unavailable,
    /// <summary>412: the If-Match version is not the current one (someone else changed the resource).</summary>
    PreconditionFailed,
    /// <summary>428: an update came without If-Match, so it could silently overwrite another change.</summary>
    PreconditionRequired,
}

/// <summary>An expected failure: WebApi maps the kind to a status code and the field (if any) into the problem's errors.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static Error Invalid(string field, string code, string message) => new(ErrorKind.Validation, code, message, field);
    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);
}
