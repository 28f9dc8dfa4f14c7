using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppointEase.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppointEase.WebApi.IntegrationTests.Telemetry;

/// <summary>
/// The trace id ties a problem to its logs: every problem+json carries it, and every log line written during the
/// request carries the same id as its TraceId scope (what the JSON console formatter prints with IncludeScopes).
/// Telemetry is switched off here on purpose: the trace id must not depend on an OpenTelemetry listener.
/// </summary>
public sealed class TraceIdTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private AppFactory _app = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _app = new AppFactory(DatabaseKind.Sqlite)
            .With("Telemetry:Enabled", "false")
            // Debug everywhere: the mediator's timing line, EF's commands and the host's request lines all count.
            .With("Logging:LogLevel:Default", "Debug")
            .With("Logging:LogLevel:Microsoft.AspNetCore", "Debug")
            .With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Debug");
        _app.ConfigureServices = services => services.AddSingleton<ILoggerProvider>(_logs);
        _client = _app.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await ((IAsyncLifetime)_app).DisposeAsync();

    [Fact]
    public async Task EveryProblemKind_CarriesTheTraceId()
    {
        var date = TestDates.Weekday(3).Text();
        var cases = new (HttpStatusCode Status, Func<Task<HttpResponseMessage>> Send)[]
        {
            (HttpStatusCode.BadRequest, () => _client.PostAsync("/api/v1/slots/lock", new StringContent("{not json", Encoding.UTF8, "application/json"))),
            (HttpStatusCode.NotFound, () => _client.GetAsync("/api/v1/no-such-route")),
            (HttpStatusCode.NotFound, () => _client.GetAsync("/api/v1/employees?serviceId=99999")),
            (HttpStatusCode.Unauthorized, () => _client.GetAsync("/api/v1/admin/services")),
            (HttpStatusCode.Forbidden, () => _client.GetAsync("/api/v1/appointments")),
            (HttpStatusCode.UnprocessableEntity, () => _client.PostAsJsonAsync("/api/v1/slots/lock", new { date = "2020-13-45", employeeId = 1, time = "10:00", clientId = "trace-id-client" })),
            (HttpStatusCode.RequestEntityTooLarge, () => _client.PostAsync("/api/v1/slots/lock", new StringContent(new string(' ', 70_000) + "{}", Encoding.UTF8, "application/json"))),
            (HttpStatusCode.Conflict, async () =>
            {
                await _client.PostAsJsonAsync("/api/v1/slots/lock", new { date, employeeId = 1, time = "10:00", clientId = "first-trace-client" });
                return await _client.PostAsJsonAsync("/api/v1/slots/lock", new { date, employeeId = 1, time = "10:00", clientId = "second-trace-client" });
            }),
        };

        var ids = new List<string>();
        foreach (var (status, send) in cases)
            ids.Add((await (await send()).AssertProblemAsync(status)).GetProperty("traceId").GetString()!);

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task EveryLogLineOfARequest_CarriesTheTraceIdOfItsProblem()
    {
        var date = TestDates.Weekday(4).Text();
        await _client.PostAsJsonAsync("/api/v1/slots/lock", new { date, employeeId = 1, time = "11:00", clientId = "log-owner-client" });
        _logs.Clear();

        var problem = await (await _client.PostAsJsonAsync("/api/v1/slots/lock", new { date, employeeId = 1, time = "11:00", clientId = "log-other-client" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        var traceId = problem.GetProperty("traceId").GetString();

        // The request's lines are those with its RequestPath scope (set by the host for the whole request).
        var lines = _logs.Lines.Where(l => l.Scope.GetValueOrDefault("RequestPath") as string == "/api/v1/slots/lock").ToList();
        Assert.True(lines.Count >= 3, $"only {lines.Count} log lines captured for the request");
        Assert.Contains(lines, l => l.Category.Contains("LoggingBehavior", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Scope.GetValueOrDefault("TraceId")?.ToString() == traceId,
            $"{l.Category}: \"{l.Message}\" has TraceId {l.Scope.GetValueOrDefault("TraceId")}, the problem {traceId}"));
    }

    [Fact]
    public void JsonConsoleLogs_IncludeScopes_SoTheTraceIdIsPrinted()
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>();
        Assert.True(options.Value.IncludeScopes);
        var tracking = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId) && tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }

    public sealed record LogLine(string Category, string Message, IReadOnlyDictionary<string, object?> Scope);

    /// <summary>Records each log line with the scopes active when it was written, as a console formatter sees them.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<LogLine> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<LogLine> Lines => [.. _lines];
        public void Clear() => _lines.Clear();
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);
        public void Dispose() { }

        private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                provider._scopes.ForEachScope((value, bag) =>
                {
                    if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                        foreach (var (key, item) in pairs) bag[key] = item;
                }, scope);
                provider._lines.Enqueue(new LogLine(category, formatter(state, exception), scope));
            }
        }
    }
}
