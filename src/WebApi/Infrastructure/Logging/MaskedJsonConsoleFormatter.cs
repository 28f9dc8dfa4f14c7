using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AppointEase.WebApi.Infrastructure.Logging;

/// <summary>
/// Production log lines: one JSON object per line with UTC timestamp, level, category, event id, the rendered message,
/// the exception, the message's named properties and the scopes (TraceId/SpanId from the request's Activity, the
/// request path) — all passed through <see cref="LogMasking"/>. The built-in JSON console has the same shape but no
/// hook to mask values; see docs/decisions/076-quiet-structured-json-logs.md for why our own (no logging package needed).
/// </summary>
internal sealed class MaskedJsonConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "appointease-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && message is null) return;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O"));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", LogMasking.Mask(message ?? ""));
            if (logEntry.Exception is { } exception)
                json.WriteString("exception", LogMasking.Mask(exception.ToString()));
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                json.WriteStartObject("state");
                foreach (var (key, value) in properties)
                    if (key != "{OriginalFormat}") WriteProperty(json, key, value);
                json.WriteEndObject();
            }
            WriteScopes(json, scopeProvider);
            json.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteScopes(Utf8JsonWriter json, IExternalScopeProvider? scopeProvider)
    {
        if (scopeProvider is null) return;
        json.WriteStartObject("scopes");
        scopeProvider.ForEachScope(static (scope, writer) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                    if (key != "{OriginalFormat}") WriteProperty(writer, key, value);
            }
        }, json);
        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int or long or short or byte or uint or ulong or double or float or decimal when !LogMasking.IsSecretName(key):
                json.WriteNumber(key, Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default:
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                json.WriteString(key, LogMasking.IsSecretName(key) ? LogMasking.Masked : LogMasking.Mask(text));
                break;
        }
    }
}
