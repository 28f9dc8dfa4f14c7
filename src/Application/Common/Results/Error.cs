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
    /// <summary>When the caller may try again (429): WebApi sends it as <c>Retry-After</c> and <c>retryAfterSeconds</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static Error NotFound(string code, string message) => new(ErrorKind.NotFound, code, message);
    public static Error Conflict(string code, string message) => new(ErrorKind.Conflict, code, message);
    public static Error Invalid(string field, string code, string message) => new(ErrorKind.Validation, code, message, field);
    public static Error Forbidden(string code, string message) => new(ErrorKind.Forbidden, code, message);

    /// <summary>A refused call of a rate limit; whole seconds, at least 1, so Retry-After never says "now".</summary>
    public static Error RateLimited(TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new(ErrorKind.TooManyRequests, "rate_limited", $"Too many attempts. Try again in {seconds} seconds.")
        {
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }
}
