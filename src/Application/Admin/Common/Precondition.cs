using AppointEase.Application.Common.Results;

namespace AppointEase.Application.Admin.Common;

/// <summary>
/// Optimistic concurrency for admin updates. The endpoint turns the If-Match header into <c>IfMatch</c>: null when the
/// header is missing, <see cref="Unparsable"/> when it is no ETag we issued (which then simply does not match).
/// </summary>
public static class Precondition
{
    public const int Unparsable = -1;

    /// <summary>Null when the caller's version is the current one, else the error to return.</summary>
    public static Error? Check(int? ifMatch, int currentVersion) => ifMatch switch
    {
        null => new Error(ErrorKind.PreconditionRequired, "if_match_required",
            "Send If-Match with the ETag from your last read so you cannot overwrite someone else's change."),
        var v when v != currentVersion => Stale(),
        _ => null,
    };

    public static Error Stale() => new(ErrorKind.PreconditionFailed, "stale_version",
        "This resource was changed since you read it. Reload it and apply your change again.");
}
