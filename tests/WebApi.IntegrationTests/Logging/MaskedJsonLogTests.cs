using System.Text.Json;
using AppointEase.WebApi.Infrastructure.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppointEase.WebApi.IntegrationTests.Logging;

/// <summary>The production log line: one JSON object with timestamp, level, trace id, the request's fields, and nothing secret in clear.</summary>
public sealed class MaskedJsonLogTests
{
    [Fact]
    public void RequestLine_IsOneJsonObject_WithTraceIdRouteStatusAndElapsed()
    {
        var line = Write(LogLevel.Information, "HTTP {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms",
            ("Method", "POST"), ("Route", "/api/v1/appointments"), ("Status", 201), ("ElapsedMs", 12.5));

        Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out _));
        Assert.Equal("Information", line.GetProperty("level").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line.GetProperty("scopes").GetProperty("TraceId").GetString());
        Assert.Equal("/api/v1/appointments", line.GetProperty("state").GetProperty("Route").GetString());
        Assert.Equal(201, line.GetProperty("state").GetProperty("Status").GetInt32());
        Assert.Equal(12.5m, line.GetProperty("state").GetProperty("ElapsedMs").GetDecimal());
    }

    [Fact]
    public void EmailsAndTokens_AreMasked_InPropertiesMessagesAndExceptions()
    {
        var line = Write(LogLevel.Error, "Mail to {To} failed; link {Link}",
            ("To", "ada.lovelace@example.com"), ("Link", "https://booking.example.com/manage?token=s3cr3tT0ken&id=4"),
            ("ManageToken", "abcdef123456"));
        var text = line.ToString();

        Assert.DoesNotContain("ada.lovelace@example.com", text);
        Assert.DoesNotContain("s3cr3tT0ken", text);
        Assert.DoesNotContain("abcdef123456", text);
        Assert.Equal("a***@example.com", line.GetProperty("state").GetProperty("To").GetString());
        Assert.Equal("***", line.GetProperty("state").GetProperty("ManageToken").GetString());
        Assert.Contains("a***@example.com", line.GetProperty("exception").GetString());
    }

    private static JsonElement Write(LogLevel level, string template, params (string Key, object? Value)[] properties)
    {
        var state = properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))
            .Append(new KeyValuePair<string, object?>("{OriginalFormat}", template)).ToList();
        var message = properties.Aggregate(template, (text, p) => System.Text.RegularExpressions.Regex.Replace(text, "\\{" + p.Key + "(:[^}]*)?\\}", Convert.ToString(p.Value) ?? ""));
        var exception = level >= LogLevel.Error ? new InvalidOperationException("550 mailbox ada.lovelace@example.com unknown") : null;
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new[] { new KeyValuePair<string, object?>("TraceId", "4bf92f3577b34da6a3ce929d0e0e4736") });
        var output = new StringWriter();

        new MaskedJsonConsoleFormatter().Write(
            new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(level, "Test", new EventId(1), state, exception, (_, _) => message),
            scopes, output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(Assert.Single(lines)).RootElement.Clone();
    }
}
