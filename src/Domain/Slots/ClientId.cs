namespace AppointEase.Domain.Slots;

/// <summary>An anonymous visitor's id chosen by the widget: 8–64 characters of [A-Za-z0-9_-].</summary>
public readonly record struct ClientId
{
    public const int MinLength = 8;
    public const int MaxLength = 64;

    private ClientId(string value) => Value = value;

    public string Value { get; }

    public static bool IsValid(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public static bool TryParse(string? value, out ClientId clientId)
    {
        clientId = IsValid(value) ? new ClientId(value!) : default;
        return clientId.Value is not null;
    }

    public static ClientId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException("A client id is 8–64 characters of A-Z, a-z, 0-9, _ and -.");

    public override string ToString() => Value;
}
