namespace AppointEase.WebApi.Infrastructure;

/// <summary>
/// Section <c>Cors</c>: origins (scheme://host[:port], no path) allowed to call the API from a browser, for frontend
/// teams hosting the widget on their own site. Empty = no cross-origin access at all. Credentials are never allowed:
/// the API authenticates with a bearer header, not cookies.
/// </summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];

    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.AbsolutePath == "/" && !value.EndsWith('/') && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo);
}
