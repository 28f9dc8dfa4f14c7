using System.Text.RegularExpressions;

namespace AppointEase.WebApi.Infrastructure.Logging;

/// <summary>
/// What never reaches a log line in clear: e-mail addresses (kept as <c>j***@example.com</c>, enough to tell
/// customers apart while debugging) and secrets (manage, lock, session and sign-in tokens, codes, keys), whether they
/// come as a named property or inside a message or exception text (a query string, an SMTP reply).
/// </summary>
internal static partial class LogMasking
{
    public const string Masked = "***";

    /// <summary>Properties whose value is a secret whatever it looks like.</summary>
    public static bool IsSecretName(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.Contains("apikey", StringComparison.OrdinalIgnoreCase)
        || name.Equals("code", StringComparison.OrdinalIgnoreCase)
        || name.Equals("authorization", StringComparison.OrdinalIgnoreCase);

    public static string Mask(string text)
    {
        if (text.Length == 0) return text;
        text = Email().Replace(text, m => m.Groups["first"].Value + Masked + "@" + m.Groups["domain"].Value);
        return SecretParameter().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Masked);
    }

    [GeneratedRegex(@"(?<first>[A-Za-z0-9])[A-Za-z0-9._%+\-]*@(?<domain>[A-Za-z0-9.\-]+\.[A-Za-z]{2,})")]
    private static partial Regex Email();

    /// <summary><c>token=…</c>, <c>"lockToken":"…"</c>, <c>Authorization: Bearer …</c> and the like.</summary>
    [GeneratedRegex(@"(?<name>[A-Za-z_\-]*(?:token|secret|password|code|apikey|authorization)[""']?)(?<sep>\s*[=:]\s*[""']?(?:Bearer\s+)?)[^\s&""',;]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
