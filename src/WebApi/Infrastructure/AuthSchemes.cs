namespace AppointEase.WebApi.Infrastructure;

/// <summary>Names other features use: <c>.RequireAuthorization(AuthPolicies.Customer)</c> on customer-only endpoints.</summary>
public static class AuthPolicies
{
    /// <summary>A live customer session (Authorization: Bearer token from /api/v1/auth/otp/verify).</summary>
    public const string Customer = "Customer";
}

public static class AuthSchemes
{
    public const string Session = "Session";

    /// <summary>The default for reading the caller: the AdminKey scheme when X-Admin-Key is sent, else Session.</summary>
    public const string SessionOrAdminKey = "SessionOrAdminKey";
}

internal static class SessionClaims
{
    public const string SessionId = "session_id";
    public const string ExpiresAt = "session_expires";
}
