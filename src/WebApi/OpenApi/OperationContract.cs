namespace AppointEase.WebApi.OpenApi;

/// <summary>Who may call an operation; decides its <c>security</c> requirement and its 401/403 responses.</summary>
internal enum Access
{
    /// <summary>Anyone (<c>security: []</c>); a bad bearer token is ignored, so there is no 401.</summary>
    Public,
    /// <summary>Needs a customer session (Bearer token from OTP sign-in).</summary>
    Customer,
    /// <summary>Needs an admin key (X-Admin-Key or HTTP Basic).</summary>
    Admin,
    /// <summary>An existing appointment: its manage token, the owner's session or an admin key; anyone else gets 404.</summary>
    AppointmentHolder,
}

/// <summary>
/// What the document says about one operation beyond what the endpoint's types show: a stable operationId, who may call
/// it, and the machine-readable problem <c>code</c>s it answers per status (the codes the handlers' <c>Error</c>s carry;
/// see <c>ErrorResults.ToProblem</c>). Generic answers (400, 413, 422 validation, 429, 503, 401/403) are added by
/// <see cref="ProblemResponses"/> from the flags.
/// </summary>
internal sealed record OperationContract(string OperationId, Access Access)
{
    public IReadOnlyDictionary<int, string[]> Problems { get; init; } = new Dictionary<int, string[]>();

    /// <summary>A shared rate limit (or the heartbeat's own) applies: 429 + Retry-After.</summary>
    public bool RateLimited { get; init; }

    /// <summary>The update needs If-Match: 412 stale_version and 428 if_match_required.</summary>
    public bool Conditional { get; init; }

    /// <summary>The success response carries the resource's ETag (admin optimistic concurrency, heartbeat).</summary>
    public bool SendsETag { get; init; }
}
