using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace AppointEase.Infrastructure.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static. When one process hosts several apps (integration tests) and one of
/// them is disposed, its logger factory is gone while the static still points at it; Hangfire components created
/// afterwards would throw. This wrapper falls back to a silent logger instead. One app per process is unaffected.
/// </summary>
internal sealed class HostSafeLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try { return _inner.GetLogger(name); }
        catch (ObjectDisposedException) { return SilentLog.Instance; }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
