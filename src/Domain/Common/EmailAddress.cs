namespace AppointEase.Domain.Common;

/// <summary>A syntactically plausible, normalised (trimmed, lower-case) email address safe to put in a mail header.</summary>
public readonly record struct EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var v = value.Trim();
        if (v.Length > MaxLength || v.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']' or '\\'))
            return false;
        var at = v.IndexOf('@');
        if (at <= 0 || at != v.LastIndexOf('@') || at > 64) return false;
        var domain = v[(at + 1)..];
        return domain.Length >= 3 && domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..");
    }

    public static EmailAddress Parse(string value) =>
        IsValid(value) ? new EmailAddress(value.Trim().ToLowerInvariant()) : throw new FormatException("Not a valid email address.");

    public override string ToString() => Value;
}
