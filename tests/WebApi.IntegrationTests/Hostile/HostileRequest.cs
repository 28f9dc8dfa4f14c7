using System.Text;
using System.Text.Json.Nodes;

namespace AppointEase.WebApi.IntegrationTests.Hostile;

/// <summary>What a mutation promises about the answer.</summary>
public enum Strictness
{
    /// <summary>The request cannot be read (wrong JSON type, overflow, broken JSON, wrong Content-Type, too large): exactly this status, naming this field.</summary>
    Unreadable,
    /// <summary>Readable but certainly invalid (impossible date or time, out-of-range date in a body): a 4xx naming a field.</summary>
    Invalid,
    /// <summary>Odd but possibly legitimate (emoji, control characters, null, missing, unknown fields, garbage advisory headers): never a 5xx.</summary>
    Odd,
}

/// <summary>
/// One hostile change to an otherwise well-typed request: where it lands (<paramref name="Target"/>: a parameter, a body field,
/// a header or "body") and the field the app should name when it refuses it (the target itself, or "body" when the whole
/// body is at fault, e.g. a 1 MB string that makes it too large).
/// </summary>
public sealed record Mutation(string Description, Strictness Strictness, string Target, string Field, int? ExpectedStatus, Action<RequestDraft> Apply)
{
    public Mutation(string description, Strictness strictness, string field, int? expectedStatus, Action<RequestDraft> apply)
        : this(description, strictness, field, field, expectedStatus, apply)
    {
    }

    /// <summary>One of the cases issue 16 names; <see cref="HostileGenerator.ListedCases"/> sends every one of them on every run.</summary>
    public bool Listed { get; init; }

    /// <summary>The hostile value as text (what <see cref="HostileValues.IsListed"/> looks up); the description for fixed cases.</summary>
    public string? Value { get; init; }

    public override string ToString() => $"{Strictness} {Target}: {Description}";
}

/// <summary>A request being built: well-typed base values from the document, then mutations applied on top.</summary>
public sealed class RequestDraft
{
    public Dictionary<string, string> Path { get; } = new();
    public List<KeyValuePair<string, string>> Query { get; } = [];
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
    public JsonNode? Body { get; set; }
    /// <summary>Set when a mutation replaces the body with bytes that are not a JSON document of the right shape.</summary>
    public string? RawBody { get; set; }
    public string? ContentType { get; set; }

    public void SetQuery(string name, string value)
    {
        Query.RemoveAll(q => q.Key == name);
        Query.Add(new(name, value));
    }
}

/// <summary>
/// A generated request, printable as the exact request it sends (long values abbreviated as "x"×N so the text stays readable,
/// which is how they were generated): FsCheck prints it with the seed on a failure.
/// </summary>
public sealed record HostileRequest(ApiOperation Operation, IReadOnlyList<Mutation> Mutations, bool WithSession, Func<RequestDraft> Build)
{
    private RequestDraft? _draft;
    public RequestDraft Draft => _draft ??= Build();

    public string Url
    {
        get
        {
            var path = Operation.PathTemplate;
            foreach (var (name, value) in Draft.Path)
                path = path.Replace("{" + name + "}", Escape(value), StringComparison.Ordinal);
            var query = string.Join('&', Draft.Query.Select(q => Escape(q.Key) + "=" + Escape(q.Value)));
            return query.Length == 0 ? path : path + "?" + query;
        }
    }

    /// <summary>Percent-encodes every byte but the unreserved ones; a lone surrogate goes out as U+FFFD (as a browser would send it).</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var b in new UTF8Encoding(false, false).GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') text.Append(c);
            else text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public string? BodyText => Draft.RawBody ?? Draft.Body?.ToJsonString();

    public HttpRequestMessage ToMessage(string? sessionToken, string? securityValue)
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (WithSession && sessionToken is not null) message.Headers.TryAddWithoutValidation("Authorization", "Bearer " + sessionToken);
        if (Operation.SecurityHeader is { } security && securityValue is not null) message.Headers.TryAddWithoutValidation(security, securityValue);
        foreach (var (name, value) in Draft.Headers)
        {
            message.Headers.Remove(name);
            if (!message.Headers.TryAddWithoutValidation(name, value))
                throw new InvalidOperationException($"Generator bug: header {name} cannot be sent.");
        }
        if (BodyText is { } body)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (Draft.ContentType is { } type) message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Operation.Method).Append(' ').Append(Abbreviate(Url));
        foreach (var mutation in Mutations) text.Append("\n  mutation: ").Append(mutation);
        if (WithSession) text.Append("\n  Authorization: Bearer <customer session>");
        if (Operation.SecurityHeader is { } security && !Draft.Headers.ContainsKey(security)) text.Append($"\n  {security}: <valid admin key>");
        foreach (var (name, value) in Draft.Headers) text.Append($"\n  {name}: ").Append(Abbreviate(value));
        if (BodyText is { } body)
            text.Append($"\n  Content-Type: {Draft.ContentType ?? "(none)"}\n  body ({Encoding.UTF8.GetByteCount(body)} bytes): ").Append(Abbreviate(body));
        return text.ToString();
    }

    /// <summary>Runs of one repeated character longer than 40 print as "c"×N; control characters print escaped.</summary>
    internal static string Abbreviate(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length;)
        {
            var run = 1;
            while (i + run < value.Length && value[i + run] == value[i]) run++;
            if (run > 40) text.Append($"«'{Escape(value[i])}'×{run}»");
            else for (var k = 0; k < run; k++) text.Append(Escape(value[i]));
            i += run;
        }
        return text.ToString();
    }

    private static string Escape(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
