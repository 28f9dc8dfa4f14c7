using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AppointEase.WebApi.IntegrationTests.Reliability;

/// <summary>
/// Every log line an app instance writes at Warning or above, with its category and exception, for assertions.
/// Hangfire's own categories are left out: Hangfire keeps its log provider in a static, so in a test process with
/// several apps its lines land in whichever app configured it last, whatever app's job or storage they are about.
/// The apps' job failures still show here, through their own JobFailureLoggingFilter.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private volatile bool _recording = true;

    public IReadOnlyList<string> WarningsAndAbove => [.. _lines];

    /// <summary>Forgets what was logged so far (start-up), so the assertions cover what follows.</summary>
    public void Restart()
    {
        _lines.Clear();
        _recording = true;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => _recording = false;

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!owner._recording || logLevel < LogLevel.Warning || category.StartsWith("Hangfire.", StringComparison.Ordinal)) return;
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}
